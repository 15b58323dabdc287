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
    public void SteepestSlope_SoftmaxAttentionWithASlowedFirstLength_StaysAboveTheEarlyAcceptBar()
    {
        // Causal softmax attention at d = 64 on one thread (1.65, 4.44, 13.98 ms), its 512 sample slowed 2x by noise.
        int[] lengths = [512, 1024, 2048];
        double[] seconds = [3.30e-3, 4.44e-3, 13.98e-3];
        var settings = new ProbeSettings();
        var bar = settings.ComplexityThreshold - settings.ComplexityEarlyAcceptMargin;

        Assert.True(ComplexityFit.MedianSlope(lengths, seconds) < bar, "the median is fooled");
        Assert.InRange(ComplexityFit.SteepestSlope(lengths, seconds), 1.6, 1.7);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void SteepestSlope_QuadraticWithAnyOneLengthSlowed_StaysAboveTheAverageStep(int slowed)
    {
        int[] lengths = [512, 1024, 2048];
        var seconds = lengths.Select(t => 1e-9 * t * t).ToArray();
        seconds[slowed] *= 3;

        Assert.True(ComplexityFit.SteepestSlope(lengths, seconds) >= 2.0 - 1e-9);
    }

    [Fact]
    public void SteepestSlope_Linear_IsOne()
    {
        Assert.Equal(1.0, ComplexityFit.SteepestSlope(Lengths, Lengths.Select(t => 1e-6 * t).ToList()), 6);
    }

    [Fact]
    public void MedianSlope_OnePoint_Throws()
    {
        Assert.Throws<ArgumentException>(() => ComplexityFit.MedianSlope([512], [1e-3]));
        Assert.Throws<ArgumentException>(() => ComplexityFit.SteepestSlope([512], [1e-3]));
    }
}
