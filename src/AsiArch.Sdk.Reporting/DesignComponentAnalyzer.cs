using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Reporting;

/// <summary>
/// Which design components the best candidates use, against the other scored candidates (ASI-ARCH Fig. 7 in spirit).
/// A candidate's components come from its <see cref="ExperimentRecord.DesignSpec"/> JSON when it has one (every leaf
/// gene as <c>name=value</c>), else from building blocks named in its source.
/// </summary>
public static class DesignComponentAnalyzer
{
    /// <summary>Building blocks and idioms searched for in source when there is no design spec.</summary>
    public static IReadOnlyList<(string Component, string Keyword)> SourceKeywords { get; } =
    [
        ("short convolution", "ShortConvolution"),
        ("gated RMSNorm", "GatedRmsNorm"),
        ("RMSNorm", "RmsNorm"),
        ("L2 normalisation", "L2Normalize"),
        ("gated delta rule", "ChunkedGatedDeltaRule"),
        ("delta rule", "ChunkedDeltaRule"),
        ("chunked linear attention", "ChunkedLinearAttention"),
        ("sliding-window attention", "SlidingWindowAttention"),
        ("softmax attention", "CausalSoftmaxAttention"),
        ("feature map", "FeatureMaps."),
        ("RetNet decay", "RetNetLogDecay"),
        ("sigmoid gate", "sigmoid"),
        ("SiLU", "silu"),
        ("softplus", "softplus"),
        ("log-sigmoid", "logsigmoid"),
    ];

    /// <summary>Compares the components of the <paramref name="topCount"/> best scored candidates with the rest.</summary>
    /// <param name="experiments">The run's experiments.</param>
    /// <param name="topCount">How many of the best candidates form the top group.</param>
    public static IReadOnlyList<ComponentUsage> Analyze(IReadOnlyList<ExperimentRecord> experiments, int topCount = 10)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topCount);
        var scored = experiments
            .Where(e => e.Kind == ExperimentKind.Candidate && e.Score is not null)
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.Index)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var top = scored.Take(topCount).ToList();
        var others = scored.Skip(topCount).ToList();
        var topSets = top.Select(ComponentsOf).ToList();
        var otherSets = others.Select(ComponentsOf).ToList();
        return topSets.SelectMany(s => s)
            .Distinct()
            .Select(c =>
            {
                var inTop = topSets.Count(s => s.Contains(c));
                return new ComponentUsage
                {
                    Component = c.Name,
                    Origin = c.Origin,
                    TopCount = inTop,
                    TopShare = (double)inTop / top.Count,
                    OtherShare = others.Count == 0 ? double.NaN : (double)otherSets.Count(s => s.Contains(c)) / others.Count,
                };
            })
            .OrderByDescending(u => u.TopShare - (double.IsNaN(u.OtherShare) ? 0 : u.OtherShare))
            .ThenByDescending(u => u.TopCount)
            .ThenBy(u => u.Component, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The components of one experiment.</summary>
    /// <param name="experiment">The experiment.</param>
    public static IReadOnlySet<(string Name, string Origin)> ComponentsOf(ExperimentRecord experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var fromSpec = FromDesignSpec(experiment.DesignSpec);
        if (fromSpec.Count > 0)
        {
            return fromSpec;
        }

        var set = new HashSet<(string, string)>();
        foreach (var (component, keyword) in SourceKeywords)
        {
            if (experiment.Program.Contains(keyword, StringComparison.Ordinal))
            {
                set.Add((component, "source"));
            }
        }

        return set;
    }

    private static HashSet<(string, string)> FromDesignSpec(string? spec)
    {
        var set = new HashSet<(string, string)>();
        if (string.IsNullOrWhiteSpace(spec))
        {
            return set;
        }

        JToken root;
        try
        {
            root = JToken.Parse(spec);
        }
        catch (JsonReaderException)
        {
            return set; // not JSON: fall back to the source keywords
        }

        foreach (var leaf in root.SelectTokens("$..*").Where(t => t is JValue).Cast<JValue>())
        {
            var name = leaf.Path;
            var value = leaf.Type switch
            {
                JTokenType.Boolean => (bool)leaf.Value! ? "true" : "false",
                JTokenType.Null => "null",
                _ => Convert.ToString(leaf.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            set.Add(($"{name}={value}", "design spec"));
        }

        return set;
    }
}
