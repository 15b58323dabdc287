namespace AsiArch.Sdk.Reporting;

/// <summary>
/// A tidy top-down layout of the run's lineage forest: depth gives the row, leaves take consecutive slots in index
/// order and every parent is centred over its children, so edges never cross.
/// </summary>
public sealed record LineageLayout
{
    /// <summary>Every node, roots first, depth-first in index order.</summary>
    public IReadOnlyList<LineageNode> Nodes { get; init; } = [];

    /// <summary>Number of leaf slots (the width of the layout).</summary>
    public int Width { get; init; }

    /// <summary>Deepest depth plus one (the height of the layout).</summary>
    public int Height { get; init; }

    /// <summary>Lays out <paramref name="experiments"/>; a parent missing from the list makes its child a root.</summary>
    /// <param name="experiments">The run's experiments.</param>
    public static LineageLayout Create(IReadOnlyList<ExperimentRecord> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var byIndex = new Dictionary<long, ExperimentRecord>();
        foreach (var e in experiments)
        {
            byIndex[e.Index] = e;
        }

        var children = new Dictionary<long, List<long>>();
        var roots = new List<long>();
        foreach (var e in byIndex.Values.OrderBy(e => e.Index))
        {
            if (e.Parent is { } p && p != e.Index && byIndex.ContainsKey(p))
            {
                if (!children.TryGetValue(p, out var list))
                {
                    children[p] = list = [];
                }

                list.Add(e.Index);
            }
            else
            {
                roots.Add(e.Index);
            }
        }

        var nodes = new List<LineageNode>(byIndex.Count);
        var visited = new HashSet<long>();
        var nextSlot = 0;
        var maxDepth = -1;

        // Iterative post-order so a long chain of generations cannot overflow the stack.
        // Experiments whose parents form a cycle (corrupt data) are reached by the second sequence.
        foreach (var root in roots.Concat(byIndex.Keys.Order()))
        {
            if (visited.Contains(root))
            {
                continue;
            }

            var placed = new Dictionary<long, double>();
            var order = new List<(long Index, int Depth)>();
            var stack = new Stack<(long Index, int Depth, bool Expanded)>();
            stack.Push((root, 0, false));
            while (stack.Count > 0)
            {
                var (index, depth, expanded) = stack.Pop();
                if (expanded)
                {
                    var kids = children.TryGetValue(index, out var k) ? k.Where(placed.ContainsKey).ToList() : [];
                    placed[index] = kids.Count == 0 ? nextSlot++ : (placed[kids[0]] + placed[kids[^1]]) / 2.0;
                    continue;
                }

                if (!visited.Add(index))
                {
                    continue; // a cycle in corrupt data: place each experiment once
                }

                order.Add((index, depth));
                maxDepth = Math.Max(maxDepth, depth);
                stack.Push((index, depth, true));
                if (children.TryGetValue(index, out var kidsToVisit))
                {
                    for (var i = kidsToVisit.Count - 1; i >= 0; i--)
                    {
                        stack.Push((kidsToVisit[i], depth + 1, false));
                    }
                }
            }

            foreach (var (index, depth) in order)
            {
                var e = byIndex[index];
                nodes.Add(new LineageNode
                {
                    Index = index,
                    Parent = e.Parent is { } p && byIndex.ContainsKey(p) && p != index ? p : null,
                    Name = e.Name,
                    Depth = depth,
                    Slot = placed[index],
                    Score = e.Score,
                    Status = e.Status,
                    Kind = e.Kind,
                });
            }
        }

        return new LineageLayout { Nodes = nodes, Width = nextSlot, Height = maxDepth + 1 };
    }
}
