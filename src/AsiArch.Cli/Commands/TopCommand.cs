using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch top</c>: the leaderboard of scored experiments.</summary>
public static class TopCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var profile = InspectionOptions.Profile();
        var json = InspectionOptions.Json();
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many experiments to list [default: 10].",
            DefaultValueFactory = _ => 10,
            HelpName = "N",
        }.AtLeast(1);
        var command = new Command(
            "top",
            """
            List the best scored experiments by fitness (ASI-ARCH formula, 0-3).

            Examples:
              asiarch top --db run.db
              asiarch top --db run.db -n 25 --profile Explore
              asiarch top --db run.db --json
            """)
        {
            db, profile, json, count,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, parse.GetValue(db)!, parse.GetValue(profile), parse.GetValue(count), parse.GetValue(json), ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, string? profileName, int count, bool json, CancellationToken ct)
    {
        var profile = ExperimentDatabase.ResolveProfile(profileName);
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var ranked = await store.QueryAsync(
            new ExperimentQuery { ScoredOnly = true, OrderBy = ExperimentOrder.FitnessDescending, Take = count, ProfileName = profile }, ct).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(context.Console, ranked.Select((e, i) => new
            {
                rank = i + 1,
                index = e.Index,
                name = e.Name,
                kind = e.Kind,
                status = e.Status,
                profileName = e.ProfileName,
                parent = e.Parent,
                fitness = e.Fitness,
            }).ToList());
            return InspectionExitCodes.Ok;
        }

        if (ranked.Count == 0)
        {
            context.Console.MarkupLine(profile is null
                ? "No scored experiment yet."
                : $"No scored experiment on profile {profile} yet.");
            return InspectionExitCodes.Ok;
        }

        context.Console.Write(ExperimentViews.Leaderboard(ranked));
        return InspectionExitCodes.Ok;
    }
}
