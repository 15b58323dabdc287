using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Discovery;

/// <summary>The loop's log messages.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Discovery run on profile {Profile} with seed {Seed}: {Slots} training slot(s) x {Threads} thread(s)")]
    public static partial void RunStarted(ILogger logger, string profile, int seed, int slots, int threads);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Experiment {Index} ({Name}) is {Status}")]
    public static partial void StateChanged(ILogger logger, long index, string name, ExperimentStatus status);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Experiment {Index} ({Name}) failed: {Kind}: {Message}")]
    public static partial void ExperimentFailed(ILogger logger, long index, string name, FailureKind kind, string message);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Budget reached: {Reason} ({Detail})")]
    public static partial void BudgetReached(ILogger logger, StopReason reason, string detail);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Discovery run stopped: {Reason}")]
    public static partial void RunStopped(ILogger logger, StopReason reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Candidate pool updated: {Count} member(s) after {Evaluated} evaluated candidate(s)")]
    public static partial void PoolUpdated(ILogger logger, int count, int evaluated);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "Candidate {Index} ({Name}) verified: discovery={IsDiscovery}, {Verdict}")]
    public static partial void Promoted(ILogger logger, long index, string name, bool isDiscovery, string verdict);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Experiment {Index} failed because a role threw during {Step}")]
    public static partial void RoleThrew(ILogger logger, Exception exception, long index, string step);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "The discovery run ended with an error")]
    public static partial void RunError(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Resuming {Count} unfinished experiment(s)")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Took over {Count} experiment(s) whose lease had expired (a loop process stopped heart-beating)")]
    public static partial void TookOver(ILogger logger, int count);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Renewing the experiment leases of {Owner} failed; retrying at the next heartbeat")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, string owner);
}
