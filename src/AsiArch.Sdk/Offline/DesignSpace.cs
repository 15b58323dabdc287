namespace AsiArch.Sdk.Offline;

/// <summary>
/// Sampling and variation over <see cref="LinearAttentionGenome"/>. Every result is canonical (inside the space); the
/// random source is always passed in, so a seeded <see cref="Random"/> reproduces a search exactly.
/// </summary>
public static class DesignSpace
{
    /// <summary>The operators the bandit chooses between (every operator except <see cref="EvolutionOperator.RandomSample"/>).</summary>
    public static IReadOnlyList<EvolutionOperator> BanditOperators { get; } =
        Enum.GetValues<EvolutionOperator>().Where(o => o != EvolutionOperator.RandomSample).ToArray();

    /// <summary>A uniform sample of every gene, canonicalised.</summary>
    public static LinearAttentionGenome Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new LinearAttentionGenome
        {
            FeatureMap = Pick(random, Enum.GetValues<FeatureMapKind>()),
            QkNorm = Pick(random, Enum.GetValues<QkNormalization>()),
            UpdateRule = Pick(random, Enum.GetValues<StateUpdateRule>()),
            WriteStrength = Pick(random, Enum.GetValues<WriteStrength>()),
            ConvQ = random.Next(2) == 1,
            ConvK = random.Next(2) == 1,
            ConvV = random.Next(2) == 1,
            ConvKernel = Pick(random, LinearAttentionGenome.ConvKernelSizes),
            OutputGate = Pick(random, Enum.GetValues<OutputGateKind>()),
            OutputNorm = Pick(random, Enum.GetValues<OutputNormKind>()),
            Heads = Pick(random, Enum.GetValues<HeadCount>()),
            KeyExpansion = Pick(random, LinearAttentionGenome.KeyExpansions),
            ValueExpansion = Pick(random, LinearAttentionGenome.ValueExpansions),
            ChunkSize = Pick(random, LinearAttentionGenome.ChunkSizes),
            SlidingWindow = Pick(random, LinearAttentionGenome.SlidingWindows),
            BranchMixing = Pick(random, Enum.GetValues<BranchMixing>()),
        }.Canonicalize();
    }

    /// <summary>
    /// Applies a mutation operator: a different canonical genome that changes the operator's genes, or the input
    /// unchanged when the operator has no other value to offer (e.g. q/k norm is forced by the delta rule).
    /// </summary>
    public static LinearAttentionGenome Mutate(LinearAttentionGenome genome, EvolutionOperator op, Random random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var g = genome.Canonicalize();
        var candidates = Neighbours(g, op).Select(c => c.Canonicalize()).Where(c => !c.Equals(g)).Distinct().ToList();
        return candidates.Count == 0 ? g : candidates[random.Next(candidates.Count)];
    }

    /// <summary>
    /// Uniform crossover over gene groups (map + norm, update rule + write strength, convolutions, output, shape,
    /// chunk, window): each group comes from <paramref name="reference"/> with probability 1/2; when the draw equals
    /// either input and the two differ, one differing group is swapped so the child is new.
    /// </summary>
    public static LinearAttentionGenome Crossover(LinearAttentionGenome parent, LinearAttentionGenome reference, Random random)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(random);
        var p = parent.Canonicalize();
        var r = reference.Canonicalize();
        var take = Groups.Select(_ => random.Next(2) == 1).ToArray();
        var child = Combine(p, r, take);
        if (!p.Equals(r) && (child.Equals(p) || child.Equals(r)))
        {
            var differing = Enumerable.Range(0, Groups.Length)
                .Where(i => !Groups[i](p, r).Canonicalize().Equals(p))
                .ToList();
            if (differing.Count > 0)
            {
                var flip = differing[random.Next(differing.Count)];
                var onlyOne = new bool[Groups.Length];
                onlyOne[flip] = true;
                child = Combine(p, r, onlyOne);
            }
        }

        return child;
    }

    // Each group copies a set of genes from the second genome into the first.
    private static readonly Func<LinearAttentionGenome, LinearAttentionGenome, LinearAttentionGenome>[] Groups =
    [
        (a, b) => a with { FeatureMap = b.FeatureMap, QkNorm = b.QkNorm },
        (a, b) => a with { UpdateRule = b.UpdateRule, WriteStrength = b.WriteStrength },
        (a, b) => a with { ConvQ = b.ConvQ, ConvK = b.ConvK, ConvV = b.ConvV, ConvKernel = b.ConvKernel },
        (a, b) => a with { OutputGate = b.OutputGate, OutputNorm = b.OutputNorm },
        (a, b) => a with { Heads = b.Heads, KeyExpansion = b.KeyExpansion, ValueExpansion = b.ValueExpansion },
        (a, b) => a with { ChunkSize = b.ChunkSize },
        (a, b) => a with { SlidingWindow = b.SlidingWindow, BranchMixing = b.BranchMixing },
    ];

    private static LinearAttentionGenome Combine(LinearAttentionGenome p, LinearAttentionGenome r, bool[] take)
    {
        var child = p;
        for (var i = 0; i < Groups.Length; i++)
        {
            if (take[i])
            {
                child = Groups[i](child, r);
            }
        }

        return child.Canonicalize();
    }

    private static IEnumerable<LinearAttentionGenome> Neighbours(LinearAttentionGenome g, EvolutionOperator op)
    {
        switch (op)
        {
            case EvolutionOperator.MutateFeatureMap:
                return Enum.GetValues<FeatureMapKind>().Select(v => g with { FeatureMap = v });
            case EvolutionOperator.MutateQkNorm:
                return Enum.GetValues<QkNormalization>().Select(v => g with { QkNorm = v });
            case EvolutionOperator.MutateUpdateRule:
                return Enum.GetValues<StateUpdateRule>().Select(v => g with { UpdateRule = v });
            case EvolutionOperator.MutateWriteStrength:
                return Enum.GetValues<WriteStrength>().Select(v => g with { WriteStrength = v });
            case EvolutionOperator.MutateShortConvolution:
                return
                [
                    g with { ConvQ = !g.ConvQ },
                    g with { ConvK = !g.ConvK },
                    g with { ConvV = !g.ConvV },
                    .. LinearAttentionGenome.ConvKernelSizes.Select(k => g with { ConvKernel = k }),
                ];
            case EvolutionOperator.MutateOutput:
                return
                [
                    .. Enum.GetValues<OutputGateKind>().Select(v => g with { OutputGate = v }),
                    .. Enum.GetValues<OutputNormKind>().Select(v => g with { OutputNorm = v }),
                ];
            case EvolutionOperator.MutateShape:
                return
                [
                    .. Enum.GetValues<HeadCount>().Select(v => g with { Heads = v }),
                    .. LinearAttentionGenome.KeyExpansions.Select(v => g with { KeyExpansion = v }),
                    .. LinearAttentionGenome.ValueExpansions.Select(v => g with { ValueExpansion = v }),
                    .. LinearAttentionGenome.ChunkSizes.Select(v => g with { ChunkSize = v }),
                ];
            case EvolutionOperator.MutateSlidingWindow:
                return
                [
                    .. LinearAttentionGenome.SlidingWindows.Select(v => g with { SlidingWindow = v }),
                    .. (g.SlidingWindow > 0 ? Enum.GetValues<BranchMixing>().Select(v => g with { BranchMixing = v }) : []),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, $"Operator {op} is not a single-genome mutation.");
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
