namespace AsiArch.Sdk.Discovery.Events;

/// <summary>Something that happened in a discovery run, streamed by <see cref="DiscoveryLoop.RunAsync(DiscoveryRequest, CancellationToken)"/>.</summary>
public abstract record DiscoveryEvent
{
    /// <summary>When it happened (the loop's clock).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
