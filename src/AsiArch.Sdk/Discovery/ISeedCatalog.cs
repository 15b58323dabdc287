namespace AsiArch.Sdk.Discovery;

/// <summary>
/// The human architectures available as seeds and baselines. The core does not reference TorchSharp, so the
/// application wires the TorchSharp baseline catalog in (or any list of sources).
/// </summary>
public interface ISeedCatalog
{
    /// <summary>Every architecture, in a stable order.</summary>
    IReadOnlyList<SeedArchitecture> All { get; }
}
