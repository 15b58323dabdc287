using System.CommandLine;

namespace AsiArch.Cli.Inspection;

/// <summary>The options every read command shares, so they are spelled and described the same everywhere.</summary>
public static class InspectionOptions
{
    /// <summary>Database file used when <c>--db</c> is not given.</summary>
    public const string DefaultDatabase = "asiarch.db";

    /// <summary><c>--db PATH</c>: the run's SQLite database.</summary>
    public static Option<string> Database() => new("--db")
    {
        Description = $"The run's SQLite database file [default: {DefaultDatabase}].",
        DefaultValueFactory = _ => DefaultDatabase,
        HelpName = "PATH",
    };

    /// <summary><c>--profile NAME</c>: only experiments trained on this profile.</summary>
    public static Option<string?> Profile() => new("--profile")
    {
        Description = "Only experiments trained on this profile (Smoke, Explore, Verify, Paper20M, Paper340M).",
        HelpName = "NAME",
    };

    /// <summary><c>--json</c>: machine-readable output.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write machine-readable JSON to standard output instead of tables.",
    };

    /// <summary>Adds a check that an integer option is at least <paramref name="minimum"/> (values that do not parse are reported by the parser).</summary>
    /// <param name="option">The option.</param>
    /// <param name="minimum">Smallest allowed value.</param>
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0
                && int.TryParse(r.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value < minimum)
            {
                r.AddError($"{option.Name} must be at least {minimum}, got {value}.");
            }
        });
        return option;
    }
}
