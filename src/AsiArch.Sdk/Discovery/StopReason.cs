namespace AsiArch.Sdk.Discovery;

/// <summary>Why a run stopped; recorded in the store's run value <c>stopReason</c>.</summary>
public enum StopReason
{
    /// <summary>The experiment budget was used.</summary>
    MaxExperiments,

    /// <summary>The wall-time budget was used.</summary>
    WallTime,

    /// <summary>The compute budget was used.</summary>
    ComputeHours,

    /// <summary>The token budget was used.</summary>
    Tokens,

    /// <summary>The money budget was used.</summary>
    Cost,

    /// <summary>A stop was requested (first cancellation); running work finished or was left resumable.</summary>
    Cancelled,

    /// <summary>The run was aborted (second cancellation); unfinished experiments resume from their last commit.</summary>
    Aborted,

    /// <summary>A seed or the reference baseline could not be measured, so nothing can be scored.</summary>
    BaselineFailed,

    /// <summary>An unexpected error ended the run.</summary>
    Error,

    /// <summary>The researcher reported its model budget (tokens or money) spent: no new proposals.</summary>
    ModelBudget,
}
