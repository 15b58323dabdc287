using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.TorchSharp.Tests.Training;

public sealed class LearningRateSchedulerTests
{
    [Theory]
    [InlineData(LearningRateSchedule.Cosine)]
    [InlineData(LearningRateSchedule.WarmupStableDecay)]
    [InlineData(LearningRateSchedule.Constant)]
    public void Factor_Warmup_RisesLinearlyToPeak(LearningRateSchedule schedule)
    {
        Assert.Equal(0.1, LearningRateScheduler.Factor(schedule, 1, 10, 100), 12);
        Assert.Equal(0.5, LearningRateScheduler.Factor(schedule, 5, 10, 100), 12);
        Assert.Equal(1.0, LearningRateScheduler.Factor(schedule, 10, 10, 100), 12);
    }

    [Fact]
    public void Factor_Cosine_DecaysMonotonicallyToTenPercent()
    {
        var factors = Enumerable.Range(10, 91).Select(s => LearningRateScheduler.Factor(LearningRateSchedule.Cosine, s, 10, 100)).ToList();
        Assert.All(factors.Zip(factors.Skip(1)), p => Assert.True(p.Second <= p.First));
        Assert.Equal(0.1, factors[^1], 12);
        Assert.Equal(0.55, LearningRateScheduler.Factor(LearningRateSchedule.Cosine, 55, 10, 100), 12);
    }

    [Fact]
    public void Factor_Wsd_StableThenLinearDecayOverLastFifth()
    {
        Assert.Equal(1.0, LearningRateScheduler.Factor(LearningRateSchedule.WarmupStableDecay, 80, 10, 100), 12);
        Assert.Equal(0.55, LearningRateScheduler.Factor(LearningRateSchedule.WarmupStableDecay, 90, 10, 100), 12);
        Assert.Equal(0.1, LearningRateScheduler.Factor(LearningRateSchedule.WarmupStableDecay, 100, 10, 100), 12);
    }
}
