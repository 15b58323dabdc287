using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Conformance;

// <snippet:trainer-conformance>
public sealed class FakeTrainerConformanceTests : TrainerConformanceTests
{
    // The long-running request (thousands of steps) takes a minute; the cancellation test stops it long before.
    protected override ITrainer CreateTrainer() => new FakeTrainer
    {
        DelaySelector = request => request.Profile.Steps >= 1_000 ? TimeSpan.FromMinutes(1) : TimeSpan.Zero,
    };
}
// </snippet:trainer-conformance>
