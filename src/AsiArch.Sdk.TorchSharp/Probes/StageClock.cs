using System.Diagnostics;

namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>Wall milliseconds spent in each named probe stage, so the report says which probe costs what.</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private string? _current = "construction";

    /// <summary>Stage name to wall milliseconds, filled as stages end.</summary>
    public Dictionary<string, double> Milliseconds { get; } = new(StringComparer.Ordinal);

    /// <summary>Ends the current stage and starts <paramref name="stage"/>; returns its name.</summary>
    public string Enter(string stage)
    {
        Stop();
        _current = stage;
        _watch.Restart();
        return stage;
    }

    /// <summary>Ends the current stage (idempotent).</summary>
    public void Stop()
    {
        if (_current is not null)
        {
            Milliseconds[_current] = Milliseconds.GetValueOrDefault(_current) + _watch.Elapsed.TotalMilliseconds;
            _current = null;
        }
    }
}
