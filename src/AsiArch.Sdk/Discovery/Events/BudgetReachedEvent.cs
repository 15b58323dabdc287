namespace AsiArch.Sdk.Discovery.Events;

/// <summary>A budget was used up: no new proposals; running experiments finish.</summary>
public sealed record BudgetReachedEvent : DiscoveryEvent
{
    /// <summary>Which budget.</summary>
    public required StopReason Reason { get; init; }

    /// <summary>What was measured against what limit.</summary>
    public string Detail { get; init; } = "";
}
