namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A cognition extractor driven by a callback. By default one entry per non-empty paragraph of the paper text (at most
/// <see cref="MaxEntries"/>), each citing the source. Counts its calls (thread-safe).
/// </summary>
public sealed class FakeCognitionExtractor : ICognitionExtractor
{
    private int _calls;

    /// <summary>Called for <see cref="ExtractAsync"/>; null for the default.</summary>
    public Func<string, CognitionSource, CancellationToken, Task<IReadOnlyList<CognitionEntry>>>? ExtractCallback { get; set; }

    /// <summary>Most entries the default extraction returns.</summary>
    public int MaxEntries { get; set; } = 3;

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CognitionEntry>> ExtractAsync(string paperText, CognitionSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paperText);
        ArgumentNullException.ThrowIfNull(source);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        if (ExtractCallback is { } callback)
        {
            return await callback(paperText, source, cancellationToken).ConfigureAwait(false);
        }

        return paperText
            .Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Take(Math.Max(0, MaxEntries))
            .Select((paragraph, i) => new CognitionEntry
            {
                Id = $"fake-{CandidateSource.ComputeHash(source.Title)[..8]}-{i + 1}",
                TriggerPatterns = paragraph,
                DesignInsight = paragraph,
                Source = source,
                Kind = CognitionKind.Paper,
            })
            .ToList();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
