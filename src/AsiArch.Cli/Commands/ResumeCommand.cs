using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch resume</c>: continues a discovery run with the profile, seed and budget it was started with.</summary>
public static class ResumeCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var command = new Command(
            "resume",
            """
            Continue a discovery run after a stop or a crash: every unfinished experiment resumes from its last committed
            state (no model call is repeated), then exploration continues up to the run's budget.

            Example:
              asiarch resume --db run.db
            """)
        {
            db,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(context, parse.GetValue(db)!, ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, CancellationToken ct)
    {
        string? profile, seed, budget;
        using (var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false))
        {
            profile = await store.GetRunValueAsync(RunValueKeys.Profile, ct).ConfigureAwait(false);
            seed = await store.GetRunValueAsync(RunValueKeys.Seed, ct).ConfigureAwait(false);
            budget = await store.GetRunValueAsync(RunValueKeys.MaxExperiments, ct).ConfigureAwait(false);
        }

        if (profile is null || seed is null || budget is null)
        {
            throw new CliCommandException($"'{db}' holds no discovery run to resume (no profile, seed or budget recorded); start one with 'asiarch run'.");
        }

        return await RunCommand.ExecuteAsync(
            context,
            db,
            TrainingProfiles.Get(profile),
            int.Parse(seed, CultureInfo.InvariantCulture),
            int.Parse(budget, CultureInfo.InvariantCulture),
            ct).ConfigureAwait(false);
    }
}
