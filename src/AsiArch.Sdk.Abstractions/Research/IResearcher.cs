namespace AsiArch.Sdk;

/// <summary>
/// Proposes new sequence-mixing layers (ASI-ARCH's Researcher) and judges whether a proposal repeats earlier work.
/// </summary>
/// <remarks>Implementations must honour cancellation and may be called concurrently for different experiments.</remarks>
public interface IResearcher : IAsiArchComponent
{
    /// <summary>Proposes one new architecture from the context.</summary>
    Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default);

    /// <summary>Decides whether <paramref name="proposal"/> repeats one of the <paramref name="similar"/> earlier experiments.</summary>
    /// <param name="proposal">The new proposal.</param>
    /// <param name="similar">The earlier experiments whose motivations are most similar (ASI-ARCH: the top 5).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<NoveltyVerdict> CheckNoveltyAsync(
        Proposal proposal,
        IReadOnlyList<ExperimentRecord> similar,
        CancellationToken cancellationToken = default);
}
