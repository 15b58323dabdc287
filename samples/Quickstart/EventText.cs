using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery.Events;

namespace Quickstart;

/// <summary>One console line per interesting loop event.</summary>
internal static class EventText
{
    public static string? Describe(DiscoveryEvent e) => e switch
    {
        ExperimentProposedEvent p => $"[{p.Experiment.Index,3}] proposed {p.Experiment.Kind.ToString().ToLowerInvariant()} {p.Experiment.Name}",
        ExperimentEvaluatedEvent v => $"[{v.Experiment.Index,3}] evaluated {v.Experiment.Name}: fitness {Score(v.Experiment)}",
        ExperimentFailedEvent f => $"[{f.Experiment.Index,3}] failed {f.Experiment.Name}: {f.Experiment.Failure?.Kind} {f.Experiment.Failure?.Message}",
        RunStoppedEvent s => $"run stopped: {s.Reason}",
        _ => null,
    };

    private static string Score(ExperimentRecord r) =>
        r.Fitness is { } f ? f.Total.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
