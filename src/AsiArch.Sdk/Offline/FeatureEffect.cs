namespace AsiArch.Sdk.Offline;

/// <summary>The estimated effect of one design feature (a gene value) on fitness across the population.</summary>
public sealed record FeatureEffect
{
    /// <summary>Gene name, e.g. <c>UpdateRule</c>.</summary>
    public required string Gene { get; init; }

    /// <summary>Gene value, e.g. <c>DeltaRule</c> (the indicator is 1 for designs with it).</summary>
    public required string Value { get; init; }

    /// <summary>Estimated fitness change when the feature is present (0-3 scale).</summary>
    public double Coefficient { get; init; }

    /// <summary>Standard error of <see cref="Coefficient"/>.</summary>
    public double StandardError { get; init; }

    /// <summary>Lower end of the confidence interval.</summary>
    public double Lower { get; init; }

    /// <summary>Upper end of the confidence interval.</summary>
    public double Upper { get; init; }

    /// <summary>Scored experiments with the feature.</summary>
    public int WithCount { get; init; }

    /// <summary>Scored experiments without it.</summary>
    public int WithoutCount { get; init; }

    /// <summary><c>regression</c> (ridge least squares on every feature) or <c>welch</c> (difference of group means).</summary>
    public required string Method { get; init; }

    /// <summary>True when the interval excludes zero.</summary>
    public bool Significant => Lower > 0 || Upper < 0;

    /// <summary><c>Gene=Value</c>.</summary>
    public string Feature => $"{Gene}={Value}";
}
