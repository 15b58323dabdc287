using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk;
using AsiArch.Sdk.Reporting;

namespace AsiArch.Cli.Tests.Report;

public sealed class LineageLayoutTests
{
    [Fact]
    public void Create_Fixture_LeavesTakeConsecutiveSlotsAndParentsSitBetweenChildren()
    {
        var layout = LineageLayout.Create(RunFixture.Experiments);

        var slot = layout.Nodes.ToDictionary(n => n.Index, n => n.Slot);
        var depth = layout.Nodes.ToDictionary(n => n.Index, n => n.Depth);
        // Leaves in depth-first order: 8, 7, 9, 6, then the second root 2.
        Assert.Equal(0, slot[8]);
        Assert.Equal(1, slot[7]);
        Assert.Equal(2, slot[9]);
        Assert.Equal(3, slot[6]);
        Assert.Equal(4, slot[2]);
        Assert.Equal(1.5, slot[5]);
        Assert.Equal(2.25, slot[4]);
        Assert.Equal(0, slot[3]);
        Assert.Equal(1.125, slot[1]);
        Assert.Equal(5, layout.Width);
        Assert.Equal(4, layout.Height);
        Assert.Equal(3, depth[7]);
        Assert.Equal(9, layout.Nodes.Count);
    }

    [Fact]
    public void Create_ParentCycleInCorruptData_PlacesEveryExperimentOnce()
    {
        var records = new[]
        {
            new ExperimentRecord { Index = 1, Parent = 2, Name = "a" },
            new ExperimentRecord { Index = 2, Parent = 1, Name = "b" },
            new ExperimentRecord { Index = 3, Parent = 99, Name = "orphan" },
        };

        var layout = LineageLayout.Create(records);

        Assert.Equal([1L, 2L, 3L], layout.Nodes.Select(n => n.Index).Order());
        Assert.Null(layout.Nodes.Single(n => n.Index == 3).Parent);
    }
}
