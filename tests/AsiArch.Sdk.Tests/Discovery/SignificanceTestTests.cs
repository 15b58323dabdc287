using AsiArch.Sdk.Discovery;

namespace AsiArch.Sdk.Tests.Discovery;

public sealed class SignificanceTestTests
{
    [Fact]
    public void WelchOneSided_HandComputed_MatchesStatisticDegreesOfFreedomAndP()
    {
        // a = [1,2,3,4], b = [0,1,2,1]: t = 1.5 / sqrt(1.6667/4 + 0.6667/4) = 1.96396, df = 5.06897,
        // p = P(T > t) = 0.052982 (numerical integration of the t density).
        var r = SignificanceTest.WelchOneSided([1, 2, 3, 4], [0, 1, 2, 1]);
        Assert.Equal(1.9639610121, r.T, 8);
        Assert.Equal(5.0689655172, r.DegreesOfFreedom, 8);
        Assert.Equal(0.0529824891, r.PValue, 6);
    }

    [Fact]
    public void WelchOneSided_LowerIsBetter_FlipsTheDirection()
    {
        var lower = SignificanceTest.WelchOneSided([0, 1, 2, 1], [1, 2, 3, 4], higherIsBetter: false);
        Assert.Equal(0.0529824891, lower.PValue, 6);
        var wrongWay = SignificanceTest.WelchOneSided([0, 1, 2, 1], [1, 2, 3, 4], higherIsBetter: true);
        Assert.Equal(1 - 0.0529824891, wrongWay.PValue, 6);
    }

    [Fact]
    public void WelchOneSided_ZeroVariance_DecidesByTheMeans()
    {
        Assert.Equal(0, SignificanceTest.WelchOneSided([2, 2], [1, 1]).PValue);
        Assert.Equal(1, SignificanceTest.WelchOneSided([1, 1], [1, 1]).PValue);
    }

    [Fact]
    public void WelchOneSided_OneValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => SignificanceTest.WelchOneSided([1], [1, 2]));
        Assert.Throws<ArgumentException>(() => SignificanceTest.WelchOneSided([1, double.NaN], [1, 2]));
    }
}
