using AsiArch.Sdk.Discovery;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class ScheduleAndSlotTests
{
    [Fact]
    public void PoolSchedule_NoBudget_IsAsiArchColdStartAndBatches()
    {
        var schedule = PoolSchedule.For(new DiscoveryOptions(), null);
        Assert.Equal(new PoolSchedule(200, 50), schedule);
        Assert.False(schedule.IsDue(199, null));
        Assert.True(schedule.IsDue(200, null));
        Assert.False(schedule.IsDue(249, 200));
        Assert.True(schedule.IsDue(250, 200));
    }

    [Theory]
    [InlineData(20, 2, 1)]
    [InlineData(40, 4, 1)]
    [InlineData(400, 40, 10)]
    [InlineData(5000, 200, 50)]
    [InlineData(3, 1, 1)]
    public void PoolSchedule_SmallBudget_ScalesDownKeepingTheRatio(int budget, int coldStart, int interval)
    {
        Assert.Equal(new PoolSchedule(coldStart, interval), PoolSchedule.For(new DiscoveryOptions(), budget));
    }

    [Fact]
    public void PoolSchedule_ScalingDisabled_KeepsConfiguredValues()
    {
        Assert.Equal(new PoolSchedule(200, 50), PoolSchedule.For(new DiscoveryOptions { ScaleScheduleToBudget = false }, 20));
    }

    [Theory]
    [InlineData(2, null, null, 1, 2)]
    [InlineData(1, null, null, 1, 1)]
    [InlineData(16, null, null, 4, 4)]
    [InlineData(2, 2, null, 2, 1)]
    [InlineData(2, 16, null, 16, 1)]
    [InlineData(8, 2, 3, 2, 3)]
    public void SlotPlan_For_NeverOversubscribesByDefault(int cores, int? slots, int? threads, int expectedSlots, int expectedThreads)
    {
        Assert.Equal(new SlotPlan(expectedSlots, expectedThreads), SlotPlan.For(cores, slots, threads));
    }
}
