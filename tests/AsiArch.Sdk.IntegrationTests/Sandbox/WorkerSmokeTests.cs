using AsiArch.Sdk.IntegrationTests.Engineering;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

[Collection("torch")]
public sealed class WorkerSmokeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task ProbeAsync_ValidLinearMixer_ReportsCausalLinearMeasurements()
    {
        var artifact = SharedBuilder.BuildValid(CandidateTemplates.Mixer());
        var client = new WorkerClient(new SandboxOptions { Threads = 1, KeepWorkerReady = false });
        var outcome = await client.ProbeAsync(artifact, TrainingProfiles.Smoke, seed: 1);
        output.WriteLine($"duration {outcome.Duration} sandbox {outcome.Sandbox} peak {outcome.PeakMemoryBytes} {System.Text.Json.JsonSerializer.Serialize(outcome.Probes)}");
        Assert.True(outcome.Failure is null, outcome.Failure?.ToString());
        var probes = outcome.Probes!;
        Assert.True(probes.Causal);
        Assert.True(probes.BatchIndependent);
        Assert.InRange(probes.ComplexityExponent!.Value, 0.0, 1.5);
        Assert.Equal(2 * ((64 * 64) + 64), probes.Parameters);
        Assert.NotNull(probes.Fingerprint);
        Assert.True(probes.StepMilliseconds > 0);
        var stages = ((System.Text.Json.JsonElement)probes.AdditionalProperties!["probeStageMs"]!).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["construction", "forward", "backward", "causality probe", "batch-independence probe", "training step", "complexity probe", "fingerprint"], stages.Keys);
        Assert.All(stages.Values, ms => Assert.True(ms >= 0));
        Assert.True(stages["complexity probe"] > 0);
    }
}
