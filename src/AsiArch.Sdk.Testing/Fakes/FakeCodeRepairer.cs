namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>A code repairer driven by a callback; by default it gives up.</summary>
public sealed class FakeCodeRepairer : ICodeRepairer
{
    private int _calls;

    /// <summary>Called for <see cref="RepairAsync"/>; null to give up.</summary>
    public Func<RepairRequest, CancellationToken, Task<RepairResult>>? RepairCallback { get; set; }

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return RepairCallback is { } callback
            ? await callback(request, cancellationToken).ConfigureAwait(false)
            : RepairResult.GiveUp("The fake repairer does not repair.");
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
