namespace AsiArch.Sdk.Tests.Composition;

/// <summary>A researcher whose calls run the given callbacks.</summary>
internal sealed class CallbackResearcher(
    Func<ResearchContext, CancellationToken, Task<Proposal>>? propose = null,
    Func<Proposal, IReadOnlyList<ExperimentRecord>, CancellationToken, Task<NoveltyVerdict>>? checkNovelty = null) : IResearcher
{
    public static Proposal SampleProposal { get; } = new()
    {
        Name = "delta_net_secret",
        Motivation = "SECRET-MOTIVATION about gated decay",
        Source = new CandidateSource("public sealed class SecretMixer { /* SECRET-CODE */ }"),
    };

    public Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default) =>
        propose?.Invoke(context, cancellationToken) ?? Task.FromResult(SampleProposal);

    public Task<NoveltyVerdict> CheckNoveltyAsync(Proposal proposal, IReadOnlyList<ExperimentRecord> similar, CancellationToken cancellationToken = default) =>
        checkNovelty?.Invoke(proposal, similar, cancellationToken) ?? Task.FromResult(NoveltyVerdict.Novel());

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
