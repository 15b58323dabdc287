using AsiArch.Sdk.TorchSharp.Probes;

namespace AsiArch.Sdk.TorchSharp.Tests.Probes;

public sealed class ComplexityFitTests
{
    private static readonly int[] Lengths = [512, 1024, 2048, 4096];

    [Fact]
    public void MedianSlope_QuadraticTimings_IsTwo()
    {
        var seconds = Lengths.Select(t => 1e-9 * t * t).ToList();

        Assert.Equal(2.0, ComplexityFit.MedianSlope(Lengths, seconds), 6);
    }

    [Fact]
    public void MedianSlope_LinearWithOneCacheCliff_StaysLinear()
    {
        // The last doubling costs 5.5x (the working set left the cache), as measured for DeltaNet under load.
        double[] seconds = [2.22e-3, 3.88e-3, 7.64e-3, 42.37e-3];

        var slope = ComplexityFit.MedianSlope(Lengths, seconds);

        Assert.InRange(slope, 0.8, 1.1);
        Assert.True(ComplexityFit.Exponent(Lengths, seconds) > 1.5, "the least-squares fit over the longest three is fooled");
    }

    [Fact]
    public void MedianSlope_OnePoint_Throws()
    {
        Assert.Throws<ArgumentException>(() => ComplexityFit.MedianSlope([512], [1e-3]));
    }
}
