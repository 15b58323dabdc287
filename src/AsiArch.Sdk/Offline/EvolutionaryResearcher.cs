using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// The offline researcher: evolutionary search over a typed design space of linear-attention mixers
/// (<see cref="LinearAttentionGenome"/>), rendered to C# through the SDK's blocks. The parent is mutated or crossed
/// with a reference; the operator is chosen by a UCB bandit whose state is rebuilt from the experiment store on every
/// call (so it survives restarts); each proposal carries a motivation grounded in the parent's measured results and its
/// genome as JSON in <see cref="Proposal.DesignSpec"/>. All randomness derives from <see cref="ResearchContext.Seed"/>.
/// </summary>
public sealed partial class EvolutionaryResearcher : IResearcher
{
    private readonly EvolutionaryResearcherOptions _options;
    private readonly IExperimentStore? _store;
    private readonly ILogger _logger;

    /// <summary>Creates the researcher.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="experimentStore">The run's store, read for bandit state and to avoid repeating designs; optional.</param>
    /// <param name="logger">Logger; optional.</param>
    public EvolutionaryResearcher(
        EvolutionaryResearcherOptions? options = null,
        IExperimentStore? experimentStore = null,
        ILogger<EvolutionaryResearcher>? logger = null)
    {
        _options = options ?? new EvolutionaryResearcherOptions();
        _store = experimentStore;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The settings in use.</summary>
    public EvolutionaryResearcherOptions Options => _options;

    /// <inheritdoc />
    public async Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var random = new Random(SeedMixer.Mix(context.Seed, context.ExperimentIndex ?? -1, context.Parent?.Index ?? -1, context.Rejected.Count));
        var history = await LoadHistoryAsync(context, cancellationToken).ConfigureAwait(false);
        var known = history.Select(GenomeResolver.TryFromSpec).OfType<LinearAttentionGenome>()
            .Concat(context.Rejected.Select(r => DesignSpecDocument.TryParse(r.Proposal.DesignSpec)?.Genome).OfType<LinearAttentionGenome>())
            .ToList();
        var parentGenome = context.Parent is null
            ? (context.Baselines.Count > 0 ? GenomeResolver.Resolve(context.Baselines[0]) : LinearAttentionGenome.DeltaNet)
            : GenomeResolver.Resolve(context.Parent);
        known.Add(parentGenome);

        var (child, op, reference) = _options.Strategy == SearchStrategy.RandomSampling
            ? (SampleNew(random, known), EvolutionOperator.RandomSample, (ExperimentRecord?)null)
            : Evolve(context, history, parentGenome, known, random);

        var doc = new DesignSpecDocument
        {
            Genome = child,
            Operator = op,
            ParentIndex = context.Parent?.Index,
            ReferenceIndex = reference?.Index,
            Changes = child.DiffFrom(parentGenome).Select(c => $"{c.Gene}: {c.From} -> {c.To}").ToList(),
        };
        var motivation = MotivationWriter.Write(context.Parent, parentGenome, child, op, reference, context.Baselines, context.Cognition);
        var name = child.ShortName() + "_" + GenomeSourceRenderer.GenomeHash(child)[..6];
        LogProposed(_logger, name, op, context.Parent?.Index);
        return new Proposal
        {
            Name = name,
            Motivation = motivation,
            Source = GenomeSourceRenderer.Render(child),
            DesignSpec = doc.ToJson(),
            AdditionalProperties = new AdditionalPropertiesDictionary { ["operator"] = op.ToString() },
        };
    }

    /// <inheritdoc />
    public Task<NoveltyVerdict> CheckNoveltyAsync(Proposal proposal, IReadOnlyList<ExperimentRecord> similar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(similar);
        cancellationToken.ThrowIfCancellationRequested();
        var genome = DesignSpecDocument.TryParse(proposal.DesignSpec)?.Genome;
        var duplicates = new List<long>();
        var reasons = new List<string>();
        foreach (var earlier in similar)
        {
            if (string.Equals(earlier.Program, proposal.Source.Code, StringComparison.Ordinal) && earlier.Program.Length > 0)
            {
                duplicates.Add(earlier.Index);
                reasons.Add($"#{earlier.Index} ({earlier.Name}) has identical source");
                continue;
            }

            if (genome is not null && GenomeResolver.TryFromSpec(earlier) is { } other)
            {
                var distance = genome.DistanceTo(other);
                if (distance <= _options.NearDuplicateDistance)
                {
                    duplicates.Add(earlier.Index);
                    var diff = genome.DiffFrom(other);
                    reasons.Add(distance == 0
                        ? $"#{earlier.Index} ({earlier.Name}) has the same genome"
                        : $"#{earlier.Index} ({earlier.Name}) differs only in {string.Join(", ", diff.Select(d => d.Gene))} (distance {distance.ToString("0.000", CultureInfo.InvariantCulture)} <= {_options.NearDuplicateDistance.ToString(CultureInfo.InvariantCulture)}), which changes speed, not the model");
                }
            }
        }

        if (duplicates.Count > 0)
        {
            return Task.FromResult(new NoveltyVerdict { IsDuplicate = true, SimilarTo = duplicates, Reason = "Duplicate: " + string.Join("; ", reasons) + "." });
        }

        var reason = genome is null
            ? "No earlier experiment has identical source; the proposal has no linear-attention genome, so only the source was compared."
            : similar.Select(GenomeResolver.TryFromSpec).OfType<LinearAttentionGenome>().Select(genome.DistanceTo).DefaultIfEmpty(1).Min() is var nearest
                ? $"Novel: the nearest earlier genome among {similar.Count} similar experiments is at distance {nearest.ToString("0.000", CultureInfo.InvariantCulture)} (threshold {_options.NearDuplicateDistance.ToString(CultureInfo.InvariantCulture)})."
                : "Novel.";
        return Task.FromResult(NoveltyVerdict.Novel(reason));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    private async Task<IReadOnlyList<ExperimentRecord>> LoadHistoryAsync(ResearchContext context, CancellationToken cancellationToken)
    {
        var records = new Dictionary<long, ExperimentRecord>();
        if (_store is not null && _options.UseExperimentHistory)
        {
            foreach (var r in await _store.QueryAsync(new ExperimentQuery(), cancellationToken).ConfigureAwait(false))
            {
                records[r.Index] = r;
            }
        }

        foreach (var r in context.References.Concat(context.Baselines).Append(context.Parent).OfType<ExperimentRecord>())
        {
            records.TryAdd(r.Index, r);
        }

        return records.Values.OrderBy(r => r.Index).ToList();
    }

    private (LinearAttentionGenome Child, EvolutionOperator Op, ExperimentRecord? Reference) Evolve(
        ResearchContext context,
        IReadOnlyList<ExperimentRecord> history,
        LinearAttentionGenome parentGenome,
        List<LinearAttentionGenome> known,
        Random random)
    {
        var stats = OperatorStatistics.FromExperiments(history, _options.FailurePenalty);
        var references = context.References
            .Select(r => (Record: r, Genome: GenomeResolver.Resolve(r)))
            .Where(r => !r.Genome.Equals(parentGenome))
            .ToList();
        var allowed = DesignSpace.BanditOperators.Where(o => o != EvolutionOperator.Crossover || references.Count > 0).ToList();
        var exhausted = new HashSet<EvolutionOperator>();
        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            var open = allowed.Where(o => !exhausted.Contains(o)).ToList();
            if (open.Count == 0)
            {
                break;
            }

            var op = UcbOperatorSelector.Choose(stats, open, _options.ExplorationConstant, random);
            ExperimentRecord? reference = null;
            LinearAttentionGenome child;
            if (op == EvolutionOperator.Crossover)
            {
                var pick = references[random.Next(references.Count)];
                reference = pick.Record;
                child = DesignSpace.Crossover(parentGenome, pick.Genome, random);
            }
            else
            {
                child = DesignSpace.Mutate(parentGenome, op, random);
            }

            if (!IsKnown(child, known))
            {
                return (child, op, reference);
            }

            // A few retries per operator (mutations are random), then stop offering it this round.
            if (attempt % 3 == 2 || child.Equals(parentGenome))
            {
                exhausted.Add(op);
            }
        }

        LogFallback(_logger, context.Parent?.Index);
        return (SampleNew(random, known), EvolutionOperator.RandomSample, null);
    }

    private LinearAttentionGenome SampleNew(Random random, List<LinearAttentionGenome> known)
    {
        var sample = DesignSpace.Sample(random);
        for (var i = 0; i < _options.MaxAttempts * 5 && IsKnown(sample, known); i++)
        {
            sample = DesignSpace.Sample(random);
        }

        return sample;
    }

    private bool IsKnown(LinearAttentionGenome genome, List<LinearAttentionGenome> known) =>
        known.Any(k => genome.DistanceTo(k) <= _options.NearDuplicateDistance);

    [LoggerMessage(EventId = 6100, Level = LogLevel.Debug, Message = "Evolutionary researcher proposed {Name} with {Operator} from parent {Parent}")]
    private static partial void LogProposed(ILogger logger, string name, EvolutionOperator @operator, long? parent);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "No unexplored neighbour of parent {Parent}; falling back to a random sample of the space")]
    private static partial void LogFallback(ILogger logger, long? parent);
}
