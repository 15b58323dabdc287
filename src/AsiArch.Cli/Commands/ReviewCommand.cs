using System.CommandLine;
using System.Globalization;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk.Review;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary>
/// <c>asiarch review --folder DIR [--id ID [--approve|--edit|--reject] [--note TEXT]]</c>: lists the proposals waiting
/// for a scientist (<c>UseHumanReview</c>), shows one, or records a decision in its <c>decision.txt</c>.
/// </summary>
public static class ReviewCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = new Option<string>("--folder") { Description = "The review folder given to UseHumanReview.", Required = true, HelpName = "DIR" };
        var id = new Option<string?>("--id") { Description = "A pending item: show it, or record a decision for it.", HelpName = "ID" };
        var approve = new Option<bool>("--approve") { Description = "Train the proposal as it is." };
        var edit = new Option<bool>("--edit") { Description = "Train Layer.cs and motivation.md as edited in the item's folder." };
        var reject = new Option<bool>("--reject") { Description = "Do not train it; the researcher proposes again." };
        var note = new Option<string?>("--note") { Description = "A note recorded with the decision.", HelpName = "TEXT" };
        var command = new Command(
            "review",
            """
            Review proposals held by a human-in-the-loop run (UseHumanReview): list the pending ones, show one, or approve,
            edit or reject it. To edit, change Layer.cs or motivation.md in the item's folder first, then use --edit.

            Examples:
              asiarch review --folder review
              asiarch review --folder review --id 20260301-090000-delta_gate-1a2b3c4d
              asiarch review --folder review --id 20260301-090000-delta_gate-1a2b3c4d --reject --note "softmax in disguise"
            """)
        {
            folder, id, approve, edit, reject, note,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => Task.FromResult(Run(
            context, parse.GetValue(folder)!, parse.GetValue(id), parse.GetValue(approve), parse.GetValue(edit), parse.GetValue(reject), parse.GetValue(note)))));
        return command;
    }

    private static int Run(InspectionContext context, string root, string? id, bool approve, bool edit, bool reject, string? note)
    {
        var decisions = new[] { (approve, ReviewDecision.Approve), (edit, ReviewDecision.Edit), (reject, ReviewDecision.Reject) }.Where(d => d.Item1).ToList();
        if (decisions.Count > 1)
        {
            throw new CliCommandException("Give one of --approve, --edit or --reject.", InspectionExitCodes.Usage);
        }

        if ((decisions.Count == 1 || note is not null) && id is null)
        {
            throw new CliCommandException("A decision needs --id: list the pending items with 'asiarch review --folder DIR'.", InspectionExitCodes.Usage);
        }

        if (!Directory.Exists(Path.Combine(root, "pending")))
        {
            throw new CliCommandException($"No review folder at {Path.GetFullPath(root)} (it has no pending/ folder). Give the folder passed to UseHumanReview.");
        }

        var reviews = new ReviewFolder(root);
        if (id is null)
        {
            return List(context, reviews);
        }

        var item = Lookup(reviews, id);
        if (decisions.Count == 0)
        {
            context.Console.MarkupLine($"[bold]{Markup.Escape(item.Name)}[/] ({Markup.Escape(item.Id)}), experiment {item.ExperimentIndex?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            context.Console.WriteLine(item.Motivation);
            context.Console.WriteLine();
            context.Console.WriteLine(item.Source);
            context.Console.MarkupLine($"Edit files in [blue]{Markup.Escape(item.Directory)}[/], then record --approve, --edit or --reject.");
            return InspectionExitCodes.Ok;
        }

        var decision = decisions[0].Item2;
        reviews.WriteDecision(item.Id, decision, note);
        context.Console.MarkupLine($"Recorded [bold]{decision.ToString().ToLowerInvariant()}[/] for {Markup.Escape(item.Id)}; the run picks it up at its next poll.");
        return InspectionExitCodes.Ok;
    }

    private static int List(InspectionContext context, ReviewFolder reviews)
    {
        var pending = reviews.ListPending();
        if (pending.Count == 0)
        {
            context.Console.WriteLine("No proposals wait for review.");
            return InspectionExitCodes.Ok;
        }

        var table = new Table().AddColumns("id", "name", "experiment", "submitted", "motivation");
        foreach (var item in pending)
        {
            var firstLine = item.Motivation.Split('\n', 2)[0];
            table.AddRow(
                Markup.Escape(item.Id),
                Markup.Escape(item.Name),
                item.ExperimentIndex?.ToString(CultureInfo.InvariantCulture) ?? "-",
                item.SubmittedAt.ToString("u", CultureInfo.InvariantCulture),
                Markup.Escape(firstLine.Length > 80 ? firstLine[..79] + "~" : firstLine));
        }

        context.Console.Write(table);
        context.Console.WriteLine($"{pending.Count} pending. Show one with --id ID; decide with --id ID --approve|--edit|--reject [--note TEXT].");
        return InspectionExitCodes.Ok;
    }

    private static ReviewItem Lookup(ReviewFolder reviews, string id)
    {
        try
        {
            return reviews.Read(id) ?? throw new CliCommandException($"No pending review item '{id}' in {reviews.PendingDirectory}; it may be decided already.");
        }
        catch (ArgumentException ex)
        {
            throw new CliCommandException(ex.Message, InspectionExitCodes.Usage, ex);
        }
    }
}
