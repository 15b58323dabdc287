using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class InMemoryExperimentStoreConformanceTests : ExperimentStoreConformanceTests
{
    protected override Task<IExperimentStore> CreateStoreAsync() => Task.FromResult<IExperimentStore>(new InMemoryExperimentStore());
}
