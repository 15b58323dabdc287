namespace AsiArch.Sdk.Tests.Composition;

/// <summary>A decorator that writes its tag to a shared log before calling the inner researcher.</summary>
internal sealed class TaggingResearcher(IResearcher inner, string tag, List<string> log) : DelegatingResearcher(inner)
{
    public override Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        lock (log)
        {
            log.Add(tag);
        }

        return base.ProposeAsync(context, cancellationToken);
    }
}
