using System.Globalization;
using System.Text;

namespace AsiArch.Sdk.Llm.Prompts;

/// <summary>Renders experiments, results and cognition as prompt text; every free-text field goes into a data block.</summary>
public static class RecordFormatter
{
    /// <summary>Measured results in a compact, comparable form.</summary>
    public static string Results(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sb = new StringBuilder();
        if (record.Result is { } result)
        {
            foreach (var task in result.Tasks)
            {
                sb.Append("- ").Append(task.Task).Append(':');
                if (task.ValidationLoss is { } loss)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" validation loss {loss:0.####}");
                }

                foreach (var (metric, value) in task.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    sb.Append(CultureInfo.InvariantCulture, $", {metric} {value:0.####}");
                }

                if (task.LossCurve.Count > 0)
                {
                    var first = task.LossCurve[0];
                    var last = task.LossCurve[^1];
                    sb.Append(CultureInfo.InvariantCulture, $", train loss {first.Loss:0.###} (step {first.Step}) -> {last.Loss:0.###} (step {last.Step})");
                }

                sb.AppendLine();
            }

            sb.Append(CultureInfo.InvariantCulture, $"- parameters {result.Parameters}, {result.TokensPerSecond:0} tokens/s");
            sb.AppendLine();
            if (result.Failure is { } trainingFailure)
            {
                sb.Append("- training failed: ").AppendLine(trainingFailure.Kind.ToString());
            }
        }

        if (record.Fitness is { } fitness)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"- fitness {fitness.Total:0.###} of 3 (loss {fitness.LossComponent:0.###}, benchmarks {fitness.BenchmarkComponent:0.###}, judge {fitness.JudgeComponent:0.###}; relative loss improvement {fitness.RelativeLossImprovement:+0.0%;-0.0%}, relative benchmark improvement {fitness.RelativeBenchmarkImprovement:+0.0%;-0.0%})");
            sb.AppendLine();
        }

        if (record.Probes is { } probes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- probes: causal {Show(probes.Causal)}, complexity exponent {Show(probes.ComplexityExponent)}, step {probes.StepMilliseconds:0.#} ms");
            sb.AppendLine();
        }

        if (record.Failure is { } failure)
        {
            sb.Append("- failed: ").Append(failure.Kind).Append(": ").AppendLine(PromptData.Clip(failure.Message, 400));
        }

        return sb.Length == 0 ? "(no results yet)" : sb.ToString().TrimEnd();
    }

    /// <summary>The search text for cognition retrieval: the observed results in words.</summary>
    public static string ResultsQuery(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sb = new StringBuilder();
        if (record.Result is { } result)
        {
            foreach (var task in result.Tasks)
            {
                sb.Append(task.Task).Append(' ');
                foreach (var (metric, value) in task.Metrics)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{metric} {value:0.##} ");
                }

                if (task.ValidationLoss is { } loss)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"loss {loss:0.##} ");
                }
            }
        }

        if (record.Failure is { } failure)
        {
            sb.Append(failure.Kind).Append(' ');
        }

        sb.Append(PromptData.Clip(record.Motivation, 300));
        return sb.ToString().Trim();
    }

    /// <summary>An experiment: name, status, motivation, results and (optionally) analysis, as data blocks.</summary>
    public static string Experiment(ExperimentRecord? record, bool includeAnalysis = true, int sourceCharacters = 0)
    {
        if (record is null)
        {
            return "(none)";
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Experiment #{record.Index} \"{PromptData.Defuse(record.Name)}\" ({record.Kind}, {record.Status})");
        sb.AppendLine();
        sb.AppendLine(PromptData.Block($"motivation of #{record.Index}", record.Motivation));
        sb.AppendLine("Results:");
        sb.AppendLine(Results(record));
        if (includeAnalysis && record.Analysis is { } analysis)
        {
            sb.AppendLine(PromptData.Block($"analysis of #{record.Index}", analysis.ToMarkdown()));
        }

        if (sourceCharacters > 0 && !string.IsNullOrEmpty(record.Program))
        {
            sb.AppendLine(PromptData.Block($"source of #{record.Index}", PromptData.Clip(record.Program, sourceCharacters)));
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Several experiments.</summary>
    public static string Experiments(IEnumerable<ExperimentRecord> records, bool includeAnalysis = true)
    {
        var text = string.Join("\n\n", records.Select(r => Experiment(r, includeAnalysis)));
        return text.Length == 0 ? "(none)" : text;
    }

    /// <summary>Cognition hits as data blocks.</summary>
    public static string Cognition(IEnumerable<CognitionHit> hits)
    {
        var sb = new StringBuilder();
        foreach (var hit in hits)
        {
            var e = hit.Entry;
            var body = new StringBuilder();
            body.Append("Trigger patterns: ").AppendLine(e.TriggerPatterns);
            AppendIf(body, "Background", e.Background);
            AppendIf(body, "Algorithmic innovation", e.AlgorithmicInnovation);
            AppendIf(body, "Design insight", e.DesignInsight);
            AppendIf(body, "Implementation guidance", e.ImplementationGuidance);
            sb.AppendLine(PromptData.Block($"insight {e.Id}" + (e.Source is { } s ? $" ({s.Title})" : ""), PromptData.Clip(body.ToString().TrimEnd(), 3_000)));
        }

        return sb.Length == 0 ? "(none)" : sb.ToString().TrimEnd();
    }

    private static void AppendIf(StringBuilder sb, string label, string value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            sb.Append(label).Append(": ").AppendLine(value);
        }
    }

    private static string Show(bool? value) => value is null ? "n/a" : value.Value ? "yes" : "NO";

    private static string Show(double? value) => value is null ? "n/a" : value.Value.ToString("0.##", CultureInfo.InvariantCulture);
}
