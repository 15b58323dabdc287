using System.Globalization;

namespace CustomBenchmark;

/// <summary>The sample's command line.</summary>
internal sealed record SampleArguments(int Experiments, int Steps, string Database, int Seed)
{
    /// <summary>Parses <paramref name="args"/>; null on a bad or unknown argument.</summary>
    public static SampleArguments? Parse(string[] args, string defaultDatabase)
    {
        int experiments = 3, steps = 60, seed = 1;
        var database = defaultDatabase;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--experiments" => int.TryParse(value, CultureInfo.InvariantCulture, out experiments) && experiments > 0,
                "--steps" => int.TryParse(value, CultureInfo.InvariantCulture, out steps) && steps > 0,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out seed),
                "--db" => !string.IsNullOrWhiteSpace(value) && (database = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }

            i++;
        }

        database = Path.GetFullPath(database);
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        return new SampleArguments(experiments, steps, database, seed);
    }
}
