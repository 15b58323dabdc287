using Xunit.Abstractions;

[assembly: TestCollectionOrderer("AsiArch.Sdk.IntegrationTests.Packaging.PackagingLastOrderer", "AsiArch.Sdk.IntegrationTests")]

namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>Keeps xunit's default collection order but moves the packaging collection to the end.</summary>
public sealed class PackagingLastOrderer : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.Contains(PackagingCollection.Name, StringComparison.Ordinal) ? 1 : 0);
}
