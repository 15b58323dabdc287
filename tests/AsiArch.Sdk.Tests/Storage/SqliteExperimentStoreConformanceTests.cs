using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Storage;

/// <summary>Runs the store conformance suite against <see cref="SqliteExperimentStore"/>, one file per test.</summary>
public sealed class SqliteExperimentStoreConformanceTests : ExperimentStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private int _count;

    protected override async Task<IExperimentStore> CreateStoreAsync() =>
        await SqliteExperimentStore.OpenAsync(_directory.File($"store{Interlocked.Increment(ref _count)}.db"));

    public void Dispose() => _directory.Dispose();
}
