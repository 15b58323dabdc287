namespace AsiArch.Sdk;

/// <summary>The engineer's repair hook (ASI-ARCH's debugger): returns fixed source for a failure, or gives up.</summary>
public interface ICodeRepairer : IAsiArchComponent
{
    /// <summary>Attempts to fix <see cref="RepairRequest.Source"/> for <see cref="RepairRequest.Failure"/>.</summary>
    Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default);
}
