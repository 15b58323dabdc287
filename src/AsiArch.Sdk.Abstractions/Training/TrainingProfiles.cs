namespace AsiArch.Sdk;

/// <summary>
/// The built-in profiles. Costs on a 2-core CPU are documented in docs/benchmarks.md.
/// </summary>
public static class TrainingProfiles
{
    /// <summary>CI: a candidate in a few seconds on 2 cores; tiny recall and LM tasks.</summary>
    public static TrainingProfile Smoke { get; } = new()
    {
        Name = "Smoke",
        NumLayers = 2,
        ModelDim = 64,
        NumHeads = 4,
        ChunkSize = 16,
        SequenceLength = 32,
        BatchSize = 32,
        Steps = 200,
        WarmupSteps = 10,
        LearningRate = 1e-2,
        EvalBatches = 2,
        LossRecordInterval = 10,
        MaxMixerParameters = 200_000,
        TrainingTimeout = TimeSpan.FromMinutes(3),
        Benchmarks =
        [
            new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "4", ["vocab"] = "16" }),
            new BenchmarkSpec("lm", 0.0) { Steps = 40 },
        ],
    };

    /// <summary>CPU default: about half a minute a candidate on 2 cores (measured in docs/benchmarks.md); separates the baselines on recall and copying.</summary>
    public static TrainingProfile Explore { get; } = new()
    {
        Name = "Explore",
        NumLayers = 2,
        ModelDim = 64,
        NumHeads = 4,
        ChunkSize = 32,
        SequenceLength = 64,
        BatchSize = 32,
        Steps = 300,
        WarmupSteps = 20,
        LearningRate = 5e-3,
        EvalBatches = 4,
        LossRecordInterval = 10,
        MaxMixerParameters = 400_000,
        TrainingTimeout = TimeSpan.FromMinutes(5),
        Benchmarks =
        [
            new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "8", ["vocab"] = "32" }),
            new BenchmarkSpec("selective_copy", 1.0, new Dictionary<string, string> { ["tokens"] = "8", ["vocab"] = "16" }) { Steps = 150 },
            new BenchmarkSpec("lm", 0.0) { Steps = 100 },
        ],
    };

    /// <summary>Promotion stage: wider, deeper and longer than <see cref="Explore"/>.</summary>
    public static TrainingProfile Verify { get; } = Explore with
    {
        Name = "Verify",
        NumLayers = 4,
        ModelDim = 128,
        NumHeads = 4,
        SequenceLength = 256,
        Steps = 600,
        WarmupSteps = 50,
        LearningRate = 2e-3,
        EvalBatches = 8,
        MaxMixerParameters = 1_500_000,
        TrainingTimeout = TimeSpan.FromMinutes(30),
        Benchmarks =
        [
            new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "32", ["vocab"] = "256" }),
            new BenchmarkSpec("selective_copy", 1.0, new Dictionary<string, string> { ["tokens"] = "16", ["vocab"] = "32" }),
            new BenchmarkSpec("lm", 0.0),
        ],
    };

    /// <summary>ASI-ARCH exploration scale: 8 layers, hidden 256, 8 heads, 2,000 steps (a GPU profile).</summary>
    public static TrainingProfile Paper20M { get; } = new()
    {
        Name = "Paper20M",
        NumLayers = 8,
        ModelDim = 256,
        NumHeads = 8,
        ChunkSize = 64,
        SequenceLength = 2048,
        BatchSize = 32,
        Steps = 2000,
        WarmupSteps = 1000,
        LearningRate = 3e-4,
        Schedule = LearningRateSchedule.WarmupStableDecay,
        EvalBatches = 16,
        LossRecordInterval = 100,
        TrainingTimeout = TimeSpan.FromHours(8),
        Benchmarks =
        [
            new BenchmarkSpec("lm", 0.0),
            new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "64", ["vocab"] = "8192" }),
            new BenchmarkSpec("selective_copy", 1.0),
            new BenchmarkSpec("induction", 1.0),
        ],
    };

    /// <summary>ASI-ARCH verification scale: 24 layers, hidden 1024, 8 heads (a multi-GPU-hour profile).</summary>
    public static TrainingProfile Paper340M { get; } = Paper20M with
    {
        Name = "Paper340M",
        NumLayers = 24,
        ModelDim = 1024,
        NumHeads = 8,
        Steps = 4000,
        WarmupSteps = 500,
        TrainingTimeout = TimeSpan.FromHours(48),
    };

    /// <summary>Every built-in profile.</summary>
    public static IReadOnlyList<TrainingProfile> All { get; } = [Smoke, Explore, Verify, Paper20M, Paper340M];

    /// <summary>The built-in profile named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No profile has that name; the message lists the known ones.</exception>
    public static TrainingProfile Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown profile '{name}'. Known profiles: {string.Join(", ", All.Select(p => p.Name))}.",
                nameof(name));
    }
}
