namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A researcher driven by callbacks. Without callbacks it proposes a new, uniquely named (and structurally new) variant
/// of the parent's program each call and judges every proposal novel. Counts its calls (thread-safe).
/// </summary>
public sealed class FakeResearcher : IResearcher
{
    private int _proposeCalls;
    private int _noveltyCalls;

    /// <summary>Called for <see cref="ProposeAsync"/>; null for the default behaviour.</summary>
    public Func<ResearchContext, CancellationToken, Task<Proposal>>? ProposeCallback { get; set; }

    /// <summary>Called for <see cref="CheckNoveltyAsync"/>; null to judge everything novel.</summary>
    public Func<Proposal, IReadOnlyList<ExperimentRecord>, CancellationToken, Task<NoveltyVerdict>>? NoveltyCallback { get; set; }

    /// <summary>Number of <see cref="ProposeAsync"/> calls so far.</summary>
    public int ProposeCalls => Volatile.Read(ref _proposeCalls);

    /// <summary>Number of <see cref="CheckNoveltyAsync"/> calls so far.</summary>
    public int NoveltyCalls => Volatile.Read(ref _noveltyCalls);

    /// <summary>Every context passed to <see cref="ProposeAsync"/>, in call order.</summary>
    public List<ResearchContext> Contexts { get; } = [];

    /// <inheritdoc />
    public async Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var n = Interlocked.Increment(ref _proposeCalls);
        lock (Contexts)
        {
            Contexts.Add(context);
        }

        if (ProposeCallback is { } callback)
        {
            return await callback(context, cancellationToken).ConfigureAwait(false);
        }

        var parentProgram = context.Parent?.Program ?? "";
        return new Proposal
        {
            Name = $"fake_{n}",
            Motivation = $"Variant {n} of {context.Parent?.Name ?? "nothing"} exploring idea number {n}.",
            Source = new CandidateSource($"// variant {n}\n{parentProgram}\nstatic class Variant{n} {{ }}"),
            Usage = new TokenUsage { InputTokens = 100, OutputTokens = 50 },
        };
    }

    /// <inheritdoc />
    public async Task<NoveltyVerdict> CheckNoveltyAsync(
        Proposal proposal,
        IReadOnlyList<ExperimentRecord> similar,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(similar);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _noveltyCalls);
        return NoveltyCallback is { } callback
            ? await callback(proposal, similar, cancellationToken).ConfigureAwait(false)
            : NoveltyVerdict.Novel();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
