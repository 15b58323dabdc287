namespace AsiArch.Sdk.Fitness;

/// <summary>ASI-ARCH's fitness arithmetic (DESIGN.md §7).</summary>
public static class FitnessMath
{
    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>σ(steepness · clip(relative / scale, −1, 1)); with the defaults +10% gives σ(6) = 0.99753.</summary>
    public static double Component(double relativeImprovement, double scale = 0.10, double steepness = 6.0) =>
        Sigmoid(steepness * Math.Clamp(relativeImprovement / scale, -1.0, 1.0));

    /// <summary>
    /// Relative improvement (value − baseline) / |baseline| in the "higher is better" sense. A zero baseline gives
    /// +∞/−∞/0 by the sign of the difference (which the component clips to ±1).
    /// </summary>
    public static double Relative(double value, double baseline)
    {
        var difference = value - baseline;
        if (baseline == 0)
        {
            return difference == 0 ? 0 : difference > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return difference / Math.Abs(baseline);
    }

    /// <summary>(w_p·P + w_i·I + w_c·C − 1) / 9 with each sub-score clamped to 1-10 and the weights summing to 1.</summary>
    public static double JudgeComponent(QualityJudgement judgement, double performanceWeight = 0.30, double innovationWeight = 0.25, double complexityWeight = 0.45)
    {
        ArgumentNullException.ThrowIfNull(judgement);
        var weights = performanceWeight + innovationWeight + complexityWeight;
        var weighted = ((performanceWeight * Math.Clamp(judgement.Performance, 1, 10)) +
                        (innovationWeight * Math.Clamp(judgement.Innovation, 1, 10)) +
                        (complexityWeight * Math.Clamp(judgement.Complexity, 1, 10))) / weights;
        return (weighted - 1.0) / 9.0;
    }
}
