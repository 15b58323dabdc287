namespace AsiArch.Sdk;

/// <summary>What one benchmark task measured for a trained candidate.</summary>
public sealed record TaskResult
{
    /// <summary>Benchmark name, e.g. <c>mqar</c>, <c>selective_copy</c>, <c>lm</c>.</summary>
    public required string Task { get; init; }

    /// <summary>Training loss recorded at fixed steps.</summary>
    public IReadOnlyList<LossPoint> LossCurve { get; init; } = [];

    /// <summary>Loss on held-out data (never the training batches).</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Metrics by name (e.g. <c>accuracy</c>), measured on held-out data.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Training throughput on this task.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Optimiser steps run.</summary>
    public int Steps { get; init; }
}
