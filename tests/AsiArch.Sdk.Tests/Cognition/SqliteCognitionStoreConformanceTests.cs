using AsiArch.Sdk.Cognition;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Tests.Cognition;

public sealed class SqliteCognitionStoreConformanceTests : CognitionStoreConformanceTests, IDisposable
{
    private readonly CognitionTempFolder _folder = new();
    private readonly List<SqliteCognitionStore> _stores = [];

    protected override async Task<ICognitionStore> CreateStoreAsync()
    {
        var store = await SqliteCognitionStore.OpenAsync(_folder.File($"c{_stores.Count}.db"));
        _stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var s in _stores)
        {
            s.Dispose();
        }

        _folder.Dispose();
    }
}
