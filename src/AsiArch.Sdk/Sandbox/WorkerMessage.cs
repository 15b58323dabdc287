using System.Text.Json;

namespace AsiArch.Sdk.Sandbox;

/// <summary>One protocol line from the worker: <c>@@asiarch {json}</c> on standard output.</summary>
internal sealed record WorkerMessage
{
    /// <summary>The prefix of protocol lines; other output (native warnings) is ignored.</summary>
    public const string Prefix = "@@asiarch ";

    /// <summary>Type of the line a worker started ahead writes once it waits, ready, for its job.</summary>
    public const string ReadyType = "ready";

    /// <summary><c>progress</c>, <c>result</c> or <c>ready</c>.</summary>
    public required string Type { get; init; }

    public TrainingProgress? Progress { get; init; }

    public ProbeReport? Probes { get; init; }

    public TrainingResult? Training { get; init; }

    public ExperimentFailure? Failure { get; init; }

    /// <summary>The protocol message on <paramref name="line"/>; null for other output or a malformed line.</summary>
    public static WorkerMessage? TryParse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerMessage>(line.AsSpan(Prefix.Length), WorkerJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
