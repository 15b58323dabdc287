using System.Globalization;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>
/// Command-line overrides of a training profile, for tuning it: <c>--batch N</c>, <c>--step-factor F</c> (every task's
/// steps times F, so <c>--batch 16 --step-factor 2</c> trains the same tokens in twice the optimizer steps),
/// <c>--warmup N</c>, <c>--wd X</c> (weight decay), <c>--clip X</c> (gradient-norm clip), <c>--mqar pairs=16,vocab=64</c>
/// (MQAR settings) and <c>--tasks a,b</c> (keep only these benchmarks, to explore one task cheaply).
/// </summary>
internal static class ProfileOverrides
{
    /// <summary>The profile with every override in <paramref name="args"/> applied; throws on a malformed value.</summary>
    public static TrainingProfile Apply(TrainingProfile profile, IReadOnlyList<string> args)
    {
        if (BenchmarkSettings.Option(args, "--batch") is { } batch)
        {
            profile = profile with { BatchSize = Positive(int.Parse(batch, CultureInfo.InvariantCulture), "--batch") };
        }

        if (BenchmarkSettings.Option(args, "--step-factor") is { } factorText)
        {
            var factor = double.Parse(factorText, CultureInfo.InvariantCulture);
            if (!(factor > 0) || !double.IsFinite(factor))
            {
                throw new ArgumentException($"--step-factor must be a positive number, got {factorText}.");
            }

            profile = profile with
            {
                Steps = Scale(profile.Steps, factor),
                WarmupSteps = Scale(profile.WarmupSteps, factor),
                Benchmarks = [.. profile.Benchmarks.Select(b => b.Steps is int s ? b with { Steps = Scale(s, factor) } : b)],
            };
        }

        if (BenchmarkSettings.Option(args, "--warmup") is { } warmup)
        {
            profile = profile with { WarmupSteps = int.Parse(warmup, CultureInfo.InvariantCulture) };
        }

        if (BenchmarkSettings.Option(args, "--wd") is { } wd)
        {
            profile = profile with { WeightDecay = double.Parse(wd, CultureInfo.InvariantCulture) };
        }

        if (BenchmarkSettings.Option(args, "--clip") is { } clip)
        {
            profile = profile with { GradientClip = double.Parse(clip, CultureInfo.InvariantCulture) };
        }

        if (BenchmarkSettings.Option(args, "--mqar") is { } mqar)
        {
            // e.g. "pairs=16,vocab=64": replaces those settings of the MQAR task.
            var settings = mqar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('=', 2))
                .ToList();
            if (settings.Any(p => p.Length != 2))
            {
                throw new ArgumentException($"--mqar takes key=value pairs separated by commas, got '{mqar}'.");
            }

            profile = profile with
            {
                Benchmarks = [.. profile.Benchmarks.Select(b => b.Name != "mqar" ? b : b with
                {
                    Settings = settings.Aggregate(
                        new Dictionary<string, string>(b.Settings),
                        (all, p) =>
                        {
                            all[p[0]] = p[1];
                            return all;
                        }),
                })],
            };
        }

        if (BenchmarkSettings.Option(args, "--tasks") is { } tasks)
        {
            var keep = tasks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = keep.Where(k => profile.Benchmarks.All(b => b.Name != k)).ToList();
            if (unknown.Count > 0)
            {
                throw new ArgumentException(
                    $"--tasks names {string.Join(", ", unknown)}, not in profile {profile.Name} ({string.Join(", ", profile.Benchmarks.Select(b => b.Name))}).");
            }

            profile = profile with { Benchmarks = [.. profile.Benchmarks.Where(b => keep.Contains(b.Name))] };
            if (!keep.Contains(profile.LossTask))
            {
                profile = profile with { LossTask = keep[0] };
            }
        }

        profile.Validate();
        return profile;
    }

    /// <summary>A short description of the overrides given, for the table's caption ("" when none).</summary>
    public static string Describe(IReadOnlyList<string> args)
    {
        string[] names = ["--lr", "--batch", "--step-factor", "--warmup", "--wd", "--clip", "--mqar", "--tasks"];
        var given = names.Select(n => (Name: n, Value: BenchmarkSettings.Option(args, n))).Where(p => p.Value is not null).ToList();
        return given.Count == 0 ? "" : " Overrides: " + string.Join(" ", given.Select(p => $"{p.Name} {p.Value}")) + ".";
    }

    private static int Scale(int steps, double factor) => Math.Max(1, (int)Math.Round(steps * factor));

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentException($"{name} must be positive, got {value}.");
}
