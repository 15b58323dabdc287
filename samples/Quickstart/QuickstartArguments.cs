using System.Globalization;

namespace Quickstart;

/// <summary>Command-line settings of the quickstart.</summary>
internal sealed record QuickstartArguments
{
    // Sized for about 10 minutes on 2 cores (11 min measured from a fresh clone, docs/benchmarks.md): 7 reference
    // trainings (seed and baselines) plus 4 candidates on Explore.
    public int Experiments { get; init; } = 4;

    public string Profile { get; init; } = "Explore";

    public string Database { get; init; } = Path.Combine("runs", "quickstart", "asiarch.db");

    public int Seed { get; init; } = 1;

    public const string Usage = "Usage: Quickstart [--experiments N] [--profile Smoke|Explore|Verify] [--db PATH] [--seed S]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with the usage on anything unknown.</summary>
    public static QuickstartArguments Parse(IReadOnlyList<string> args)
    {
        var result = new QuickstartArguments();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            int Int(string name)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
                    ? v
                    : throw new ArgumentException($"{name} must be a non-negative integer, got '{text}'. {Usage}");
            }

            result = args[i] switch
            {
                "--experiments" => result with { Experiments = Int("--experiments") },
                "--profile" => result with { Profile = Value() },
                "--db" => result with { Database = Value() },
                "--seed" => result with { Seed = Int("--seed") },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. {Usage}"),
            };
        }

        return result;
    }
}
