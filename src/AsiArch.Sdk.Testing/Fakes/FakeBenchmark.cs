namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A benchmark driven by a callback. By default a copy task: random tokens in [0, <see cref="VocabSize"/>) whose target
/// is the input itself, every position scored; training and held-out sequences are kept apart by seed stream.
/// Counts its calls (thread-safe).
/// </summary>
public sealed class FakeBenchmark : IBenchmark
{
    private int _calls;

    /// <summary>Creates the benchmark named <c>fake</c>, scored by <c>accuracy</c> (the worker creates it this way).</summary>
    public FakeBenchmark()
        : this("fake", "accuracy")
    {
    }

    /// <summary>Creates the benchmark.</summary>
    /// <param name="name">Registered name.</param>
    /// <param name="primaryMetric">The metric that feeds the fitness.</param>
    public FakeBenchmark(string name, string primaryMetric = "accuracy")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Descriptor = new BenchmarkDescriptor { Name = name, Description = "A fake copy task for tests.", PrimaryMetric = primaryMetric };
    }

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; }

    /// <summary>Vocabulary of the default data.</summary>
    public int VocabSize { get; set; } = 8;

    /// <summary>Called for <see cref="PrepareAsync"/>; null for the default data.</summary>
    public Func<BenchmarkSetup, CancellationToken, Task<IBenchmarkData>>? PrepareCallback { get; set; }

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public async Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        return PrepareCallback is { } callback
            ? await callback(setup, cancellationToken).ConfigureAwait(false)
            : new CopyData(VocabSize, setup.SequenceLength, setup.Seed);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    private sealed class CopyData(int vocab, int length, int seed) : IBenchmarkData
    {
        private readonly Random _train = new(seed);
        private readonly object _gate = new();

        public int VocabSize => vocab;

        public TokenBatch NextTrainingBatch(int batchSize)
        {
            lock (_gate)
            {
                return Fill(batchSize, _train);
            }
        }

        public IReadOnlyList<TokenBatch> ValidationBatches(int batchSize, int count)
        {
            var random = new Random(~seed);
            return Enumerable.Range(0, count).Select(_ => Fill(batchSize, random)).ToList();
        }

        private TokenBatch Fill(int batchSize, Random random)
        {
            var n = batchSize * length;
            var inputs = new long[n];
            for (var i = 0; i < n; i++)
            {
                inputs[i] = random.Next(vocab);
            }

            return new TokenBatch(batchSize, length, inputs, (long[])inputs.Clone(), Enumerable.Repeat(1f, n).ToArray());
        }
    }
}
