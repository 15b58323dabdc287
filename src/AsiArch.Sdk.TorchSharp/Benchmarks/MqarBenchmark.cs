namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Multi-query associative recall (Zoology, Arora et al. 2023): key-value pairs, then queries of some of the keys;
/// the model must answer each query with its value. Loss and accuracy count only the query positions.
/// Settings: <c>pairs</c> (default 8), <c>vocab</c> (default 64; keys use the lower half, values the upper half),
/// <c>queries</c> (default = pairs), <c>length</c> (default: the profile's sequence length).
/// </summary>
public sealed class MqarBenchmark : IBenchmark
{
    /// <summary>The registered name.</summary>
    public const string Name = "mqar";

    private static readonly string[] KnownSettings = ["pairs", "vocab", "queries", "length"];

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; } = new()
    {
        Name = Name,
        Description = "Multi-query associative recall: answer queried keys with the values bound to them earlier in the sequence (in-context recall).",
    };

    /// <inheritdoc />
    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new BenchmarkSettings(Name, setup.Settings, KnownSettings);
        var length = settings.GetInt("length", setup.SequenceLength, 4);
        var vocab = settings.GetInt("vocab", 64, 4);
        var pairs = settings.GetInt("pairs", 8, 1);
        var queries = settings.GetInt("queries", pairs, 1);
        if (pairs > vocab / 2 - 1)
        {
            throw settings.Invalid($"pairs ({pairs}) must be at most vocab/2 - 1 = {vocab / 2 - 1} (distinct keys).", "pairs");
        }

        if (queries > pairs)
        {
            throw settings.Invalid($"queries ({queries}) must not exceed pairs ({pairs}).", "queries");
        }

        var slots = (length - 2 * pairs) / 2;
        if (queries > slots)
        {
            throw settings.Invalid(
                $"length {length} is too short for {pairs} pairs and {queries} queries: needs at least {2 * pairs + 2 * queries} tokens.",
                "length");
        }

        IBenchmarkData data = new SyntheticBenchmarkData(new MqarGenerator(vocab, pairs, queries, length), setup.Seed);
        return Task.FromResult(data);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
