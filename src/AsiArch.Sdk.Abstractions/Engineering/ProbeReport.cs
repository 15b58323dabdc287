namespace AsiArch.Sdk;

/// <summary>What the sanity probes measured on a loaded mixer.</summary>
public sealed record ProbeReport
{
    /// <summary>True when perturbing inputs at t ≥ t0 left outputs before t0 unchanged.</summary>
    public bool? Causal { get; init; }

    /// <summary>Largest output change before t0 seen by the causality probe.</summary>
    public double? CausalLeak { get; init; }

    /// <summary>Fitted exponent of forward time against sequence length (1 = linear, 2 = quadratic).</summary>
    public double? ComplexityExponent { get; init; }

    /// <summary>True when every sample of a batch gave the same output as when run alone.</summary>
    public bool? BatchIndependent { get; init; }

    /// <summary>Trainable parameters of the mixer (one layer).</summary>
    public long Parameters { get; init; }

    /// <summary>
    /// Measured forward+backward time of one mixer step on the probe shape, in milliseconds. Compare it only between
    /// candidates probed with the same settings (the TorchSharp probes time it on one thread).
    /// </summary>
    public double StepMilliseconds { get; init; }

    /// <summary>Peak resident memory of the worker during the probes, in bytes.</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>
    /// Structural fingerprint: a hash of the outputs on fixed random inputs (rounded) plus the parameter count, so
    /// functionally identical code under a new name is caught by the novelty gate.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>Extra measurements.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }
}
