namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>The slow packaging test: alone, never in parallel, and run last (see <see cref="PackagingLastOrderer"/>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection
{
    public const string Name = "packaging";
}
