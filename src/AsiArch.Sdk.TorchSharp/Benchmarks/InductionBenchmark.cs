namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Induction heads with noise: a random pattern appears once among noise tokens and again later; on its second
/// occurrence the model must continue it from memory. Settings: <c>vocab</c> (default 32), <c>pattern</c> (pattern
/// length, default 4, scored positions = pattern - 1), <c>length</c> (default: the profile's sequence length).
/// </summary>
public sealed class InductionBenchmark : IBenchmark
{
    /// <summary>The registered name.</summary>
    public const string Name = "induction";

    private static readonly string[] KnownSettings = ["vocab", "pattern", "length"];

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; } = new()
    {
        Name = Name,
        Description = "Induction heads with noise: continue a pattern seen once earlier in a noisy sequence (copy-from-context recall).",
    };

    /// <inheritdoc />
    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = new BenchmarkSettings(Name, setup.Settings, KnownSettings);
        var length = settings.GetInt("length", setup.SequenceLength, 4);
        var vocab = settings.GetInt("vocab", 32, 3);
        var pattern = settings.GetInt("pattern", 4, 2);
        if (pattern > length / 2)
        {
            throw settings.Invalid(
                $"length {length} is too short for a pattern of {pattern}: each half must hold one occurrence (length >= {2 * pattern}).",
                "length");
        }

        IBenchmarkData data = new SyntheticBenchmarkData(new InductionGenerator(vocab, pattern, length), setup.Seed);
        return Task.FromResult(data);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
