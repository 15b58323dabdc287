namespace AsiArch.Sdk.Engineering;

/// <summary>The default repairer: never changes code (the embedded engineer does no free-form repair).</summary>
public sealed class NoOpCodeRepairer : ICodeRepairer
{
    /// <summary>The shared instance.</summary>
    public static NoOpCodeRepairer Instance { get; } = new();

    /// <inheritdoc />
    public Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(RepairResult.GiveUp("No code repairer is configured."));

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
