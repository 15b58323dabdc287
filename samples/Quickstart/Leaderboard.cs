using System.Globalization;
using AsiArch.Sdk;

namespace Quickstart;

/// <summary>Prints the scored experiments ranked by fitness, with the fitness components.</summary>
internal static class Leaderboard
{
    public static async Task PrintAsync(IExperimentStore store, TextWriter output, int top = 20)
    {
        var rows = await store.QueryAsync(new ExperimentQuery { ScoredOnly = true, OrderBy = ExperimentOrder.FitnessDescending, Take = top });
        var counts = await store.CountByStatusAsync();
        output.WriteLine();
        output.WriteLine($"Leaderboard (top {rows.Count} scored; {string.Join(", ", counts.Where(kv => kv.Value > 0).Select(kv => $"{kv.Value} {kv.Key}"))})");
        output.WriteLine($"{"rank",4} {"#",4} {"kind",-9} {"name",-44} {"fitness",8} {"loss",6} {"bench",6} {"judge",6} {"mqar",6} {"val loss",8}");
        var rank = 0;
        foreach (var r in rows)
        {
            var f = r.Fitness!;
            var mqar = r.Result?.GetTask("mqar")?.Metrics.GetValueOrDefault("accuracy");
            var loss = r.Result?.GetTask("lm")?.ValidationLoss;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{++rank,4} {r.Index,4} {r.Kind.ToString().ToLowerInvariant(),-9} {Truncate(r.Name, 44),-44} {f.Total,8:0.000} {f.LossComponent,6:0.000} {f.BenchmarkComponent,6:0.000} {f.JudgeComponent,6:0.000} {(mqar is { } m ? m.ToString("0.000", CultureInfo.InvariantCulture) : "-"),6} {(loss is { } l ? l.ToString("0.000", CultureInfo.InvariantCulture) : "-"),8}"));
        }
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
