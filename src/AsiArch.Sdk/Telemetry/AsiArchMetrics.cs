using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsiArch.Sdk.Telemetry;

/// <summary>
/// The loop's telemetry: the <see cref="Meter"/> named <c>AsiArch.Sdk</c> (counters for experiments, failures by kind,
/// model tokens and training seconds) and the shared <c>AsiArch.Sdk</c> activity source (spans <c>asiarch.run</c> and
/// <c>asiarch.{role}.{call}</c> per experiment step).
/// </summary>
public static class AsiArchMetrics
{
    /// <summary>Name of the meter (and of the activity source).</summary>
    public const string Name = "AsiArch.Sdk";

    /// <summary>The shared activity source (<see cref="Composition.AsiArchTelemetry.ActivitySource"/>).</summary>
    public static ActivitySource ActivitySource => Composition.AsiArchTelemetry.ActivitySource;

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(Name, "0.1.0");

    /// <summary>Experiments reaching a terminal state, tagged <c>status</c> and <c>kind</c>.</summary>
    public static Counter<long> Experiments { get; } = Meter.CreateCounter<long>("asiarch.experiments", "{experiment}", "Experiments that reached Done or Failed.");

    /// <summary>Failed experiments, tagged <c>failure.kind</c>.</summary>
    public static Counter<long> Failures { get; } = Meter.CreateCounter<long>("asiarch.failures", "{experiment}", "Failed experiments by failure kind.");

    /// <summary>Model tokens, tagged <c>role</c>.</summary>
    public static Counter<long> Tokens { get; } = Meter.CreateCounter<long>("asiarch.tokens", "{token}", "Model tokens spent.");

    /// <summary>Seconds of training (worker compute).</summary>
    public static Counter<double> TrainingSeconds { get; } = Meter.CreateCounter<double>("asiarch.training.seconds", "s", "Worker seconds spent training.");
}
