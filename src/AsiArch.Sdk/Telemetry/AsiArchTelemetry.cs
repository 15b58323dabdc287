using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AsiArch.Sdk.Telemetry;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AsiArch.Sdk</c>: spans per
/// experiment and role call; counters for experiments, failures by kind, model tokens and training seconds.
/// </summary>
public static class AsiArchTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "AsiArch.Sdk";

    /// <summary>Spans: <c>asiarch.run</c>, <c>asiarch.experiment</c>, <c>asiarch.{role}.{call}</c>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, "0.1.0");

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
