namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Selective copying (Mamba, Gu and Dao 2023): reproduce, after a delimiter, the data tokens scattered among noise
/// tokens, in order. Needs content-dependent selection rather than fixed time offsets.
/// Settings: <c>tokens</c> (data tokens per sequence, default 8), <c>vocab</c> (default 16; ids 0-2 are pad, noise
/// and delimiter), <c>length</c> (default: the profile's sequence length).
/// </summary>
public sealed class SelectiveCopyBenchmark : IBenchmark
{
    /// <summary>The registered name.</summary>
    public const string Name = "selective_copy";

    private static readonly string[] KnownSettings = ["tokens", "vocab", "length"];

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; } = new()
    {
        Name = Name,
        Description = "Selective copying: output the data tokens hidden among noise tokens, in order, after a delimiter (content-aware selection).",
    };

    /// <inheritdoc />
    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new BenchmarkSettings(Name, setup.Settings, KnownSettings);
        var length = settings.GetInt("length", setup.SequenceLength, 3);
        var vocab = settings.GetInt("vocab", 16, SelectiveCopyGenerator.FirstDataToken + 2);
        var tokens = settings.GetInt("tokens", 8, 1);
        if (2 * tokens > length)
        {
            throw settings.Invalid(
                $"length {length} is too short for {tokens} data tokens: needs at least {2 * tokens} (a noise region as long as the copy).",
                "length");
        }

        IBenchmarkData data = new SyntheticBenchmarkData(new SelectiveCopyGenerator(vocab, tokens, length), setup.Seed);
        return Task.FromResult(data);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
