using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

[Collection("torch")]
public sealed class BaselineTrainingTests
{
    public static TheoryData<string> Baselines => [.. BaselineCatalog.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Baselines))]
    public async Task TrainAsync_EveryBaseline_LossFalls(string name)
    {
        var profile = TrainerTestProfiles.Tiny(steps: 15) with { LossRecordInterval = 5, LearningRate = 1e-2 };
        var result = await new TorchSharpTrainer().TrainAsync(new MixerTrainingRequest
        {
            Mixer = BaselineCatalog.Get(name).Factory,
            Profile = profile,
            Seed = 3,
            Device = ComputeDevice.Cpu,
        });

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var curve = result.Tasks[0].LossCurve;
        Assert.Equal([5, 10, 15], curve.Select(p => p.Step));
        Assert.True(curve[^1].Loss < curve[0].Loss - 0.05, $"{name}: loss went {curve[0].Loss:F3} -> {curve[^1].Loss:F3}");
    }

    [Fact]
    public async Task TrainAsync_SoftmaxAttentionOnSmokeProfile_RecallsMqar()
    {
        var result = await new TorchSharpTrainer().TrainAsync(new MixerTrainingRequest
        {
            Mixer = BaselineCatalog.Get("Transformer").Factory,
            Profile = TrainingProfiles.Smoke,
            Seed = 0,
            Device = ComputeDevice.Cpu,
        });

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var accuracy = result.GetTask("mqar")!.Metrics["accuracy"];
        Assert.True(accuracy >= 0.9, $"MQAR accuracy {accuracy:F3}");
    }
}
