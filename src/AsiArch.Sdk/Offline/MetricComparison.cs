namespace AsiArch.Sdk.Offline;

/// <summary>One metric of the analysed experiment compared with a reference (parent, sibling, baseline or group).</summary>
public sealed record MetricComparison
{
    /// <summary>What it is compared with, e.g. <c>parent #3 delta_silu</c> or <c>baselines (3)</c>.</summary>
    public required string Against { get; init; }

    /// <summary>Metric, e.g. <c>fitness</c> or <c>mqar accuracy</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>True when higher values are better.</summary>
    public bool HigherIsBetter { get; init; } = true;

    /// <summary>The experiment's value.</summary>
    public double Value { get; init; }

    /// <summary>The reference value (a group's mean for groups).</summary>
    public double Reference { get; init; }

    /// <summary>Value − Reference.</summary>
    public double Delta => Value - Reference;

    /// <summary>Delta / |Reference| (NaN when the reference is 0).</summary>
    public double RelativeDelta => Reference == 0 ? double.NaN : Delta / Math.Abs(Reference);

    /// <summary>Standardised effect size (Hedges' g for groups, Delta / noise SD for single references), when estimable.</summary>
    public double? EffectSize { get; init; }

    /// <summary>Lower end of the confidence interval of Delta, when estimable.</summary>
    public double? Lower { get; init; }

    /// <summary>Upper end of the confidence interval of Delta, when estimable.</summary>
    public double? Upper { get; init; }

    /// <summary>How the interval was obtained (e.g. <c>replicate noise, n=4</c>), or why there is none.</summary>
    public string IntervalBasis { get; init; } = "";

    /// <summary>True when the change is in the better direction.</summary>
    public bool Improved => HigherIsBetter ? Delta > 0 : Delta < 0;
}
