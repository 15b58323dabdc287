using System.Globalization;
using AsiArch.Sdk;

namespace CustomAgent;

// <snippet:lab-notebook-researcher>
/// <summary>
/// A decorator: every proposal of the wrapped researcher is also written to a lab-notebook folder as Markdown
/// (motivation and source), then passed on unchanged. Everything else forwards to the inner researcher.
/// </summary>
public sealed class LabNotebookResearcher(IResearcher inner, string folder, TimeProvider time) : DelegatingResearcher(inner)
{
    private readonly object _gate = new();

    /// <inheritdoc />
    public override async Task<Proposal> ProposeAsync(ResearchContext context, CancellationToken cancellationToken = default)
    {
        var proposal = await base.ProposeAsync(context, cancellationToken).ConfigureAwait(false);
        var page = string.Create(CultureInfo.InvariantCulture,
            $"# {proposal.Name}\n\n_{time.GetUtcNow():u}, parent #{context.Parent?.Index}_\n\n{proposal.Motivation}\n\n```csharp\n{proposal.Source.Code}\n```\n");
        lock (_gate) // proposals may arrive concurrently
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{proposal.Source.Hash[..8]}.md"), page);
        }

        return proposal;
    }
}
// </snippet:lab-notebook-researcher>
