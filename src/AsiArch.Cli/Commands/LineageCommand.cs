using System.CommandLine;
using AsiArch.Cli.Inspection;
using AsiArch.Cli.Rendering;
using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary><c>asiarch lineage ID</c>: an experiment's ancestors and descendants as a tree.</summary>
public static class LineageCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    public static Command Create(InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = InspectionOptions.Database();
        var json = InspectionOptions.Json();
        var id = new Argument<long>("id") { Description = "The experiment index." };
        var depth = new Option<int>("--depth")
        {
            Description = "Generations of descendants to show [default: 3].",
            DefaultValueFactory = _ => 3,
            HelpName = "N",
        }.AtLeast(0);
        var command = new Command(
            "lineage",
            """
            Show where an experiment comes from (its ancestors up to the root) and what was derived from it.

            Examples:
              asiarch lineage 12 --db run.db
              asiarch lineage 1 --db run.db --depth 10
              asiarch lineage 12 --db run.db --json
            """)
        {
            id, db, json, depth,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, parse.GetValue(db)!, parse.GetValue(id), parse.GetValue(json), parse.GetValue(depth), ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, string db, long index, bool json, int depth, CancellationToken ct)
    {
        using var store = await ExperimentDatabase.OpenExistingAsync(db, ct).ConfigureAwait(false);
        var e = await ExperimentDatabase.GetExistingAsync(store, index, ct).ConfigureAwait(false);
        var ancestors = (await store.GetPathToRootAsync(index, ct).ConfigureAwait(false)).Skip(1).Reverse().ToList();
        var descendants = await DescendantsAsync(store, e, depth, ct).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(context.Console, new
            {
                index = e.Index,
                name = e.Name,
                ancestors = ancestors.Select(a => Summary(a)).ToList(),
                descendants = ToJson(descendants),
            });
            return InspectionExitCodes.Ok;
        }

        IHasTreeNodes parent;
        Tree tree;
        if (ancestors.Count == 0)
        {
            tree = new Tree(ExperimentViews.Label(e, highlight: true));
            parent = tree;
        }
        else
        {
            tree = new Tree(ExperimentViews.Label(ancestors[0]));
            IHasTreeNodes node = tree;
            foreach (var a in ancestors.Skip(1))
            {
                node = node.AddNode(ExperimentViews.Label(a));
            }

            parent = node.AddNode(ExperimentViews.Label(e, highlight: true));
        }

        AddDescendants(parent, descendants);
        context.Console.Write(tree);
        return InspectionExitCodes.Ok;
    }

    private static object Summary(ExperimentRecord r) => new { index = r.Index, name = r.Name, kind = r.Kind, status = r.Status, score = r.Score };

    private static List<object> ToJson(IReadOnlyList<Descendant> nodes) =>
        nodes.Select(n => (object)new
        {
            index = n.Record.Index,
            name = n.Record.Name,
            kind = n.Record.Kind,
            status = n.Record.Status,
            score = n.Record.Score,
            more = n.Truncated,
            children = ToJson(n.Children),
        }).ToList();

    private static void AddDescendants(IHasTreeNodes parent, IReadOnlyList<Descendant> nodes)
    {
        foreach (var n in nodes)
        {
            var node = parent.AddNode(ExperimentViews.Label(n.Record));
            if (n.Truncated)
            {
                node.AddNode(new Markup("[grey]… (more below; raise --depth)[/]"));
            }

            AddDescendants(node, n.Children);
        }
    }

    private static async Task<IReadOnlyList<Descendant>> DescendantsAsync(IExperimentStore store, ExperimentRecord root, int depth, CancellationToken ct)
    {
        if (depth == 0)
        {
            return [];
        }

        var children = await store.GetChildrenAsync(root.Index, ct).ConfigureAwait(false);
        var result = new List<Descendant>(children.Count);
        foreach (var child in children.Where(c => c.Index != root.Index))
        {
            if (depth <= 1)
            {
                var hasMore = depth == 1 && (await store.GetChildrenAsync(child.Index, ct).ConfigureAwait(false)).Count > 0;
                result.Add(new Descendant(child, [], hasMore));
            }
            else
            {
                result.Add(new Descendant(child, await DescendantsAsync(store, child, depth - 1, ct).ConfigureAwait(false), false));
            }
        }

        return result;
    }

    private sealed record Descendant(ExperimentRecord Record, IReadOnlyList<Descendant> Children, bool Truncated);
}
