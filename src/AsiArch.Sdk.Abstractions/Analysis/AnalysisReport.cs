using System.Text;

namespace AsiArch.Sdk;

/// <summary>ASI-ARCH's five-section analysis of an experiment.</summary>
public sealed record AnalysisReport
{
    /// <summary>Design evaluation: what the change is and whether it is sound.</summary>
    public required string DesignEvaluation { get; init; }

    /// <summary>Experimental results analysis: what the numbers show against parent, siblings and baselines.</summary>
    public required string ResultsAnalysis { get; init; }

    /// <summary>Expectation versus reality: did the motivation's prediction hold.</summary>
    public required string ExpectationVsReality { get; init; }

    /// <summary>Theoretical explanation with evidence.</summary>
    public required string TheoreticalExplanation { get; init; }

    /// <summary>Synthesis and insights for the next proposals.</summary>
    public required string SynthesisAndInsights { get; init; }

    /// <summary>Insights strong enough to store in the cognition store.</summary>
    public IReadOnlyList<CognitionEntry> Insights { get; init; } = [];

    /// <summary>Model tokens spent.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.Zero;

    /// <summary>The cognition the analysis was grounded in (when the analyst retrieved its own).</summary>
    public IReadOnlyList<CognitionHit> Cognition { get; init; } = [];

    /// <summary>The report as Markdown with one heading per section.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        void Section(string title, string body) => sb.Append("## ").AppendLine(title).AppendLine().AppendLine(body.Trim()).AppendLine();
        Section("Design evaluation", DesignEvaluation);
        Section("Experimental results analysis", ResultsAnalysis);
        Section("Expectation vs reality", ExpectationVsReality);
        Section("Theoretical explanation with evidence", TheoreticalExplanation);
        Section("Synthesis and insights", SynthesisAndInsights);
        return sb.ToString().TrimEnd() + Environment.NewLine;
    }
}
