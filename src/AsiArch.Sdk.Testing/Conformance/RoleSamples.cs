namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>Inputs the role conformance suites hand to an implementation: a tiny profile, contexts, evaluated experiments.</summary>
public static class RoleSamples
{
    /// <summary>
    /// A candidate that meets the candidate contract and the safety gate: a per-token linear projection (trivially
    /// causal). Compiles against <c>AsiArch.Sdk.TorchSharp</c>.
    /// </summary>
    public const string ValidMixerSource = """
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        public sealed class ConformanceMixer : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _projection;

            public ConformanceMixer(MixerOptions options) : base(nameof(ConformanceMixer))
            {
                _projection = nn.Linear(options.ModelDim, options.ModelDim);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x) => _projection.forward(x);
        }
        """;

    /// <summary>A source no C# compiler accepts (a missing brace and a stray token).</summary>
    public const string UncompilableSource = """
        using TorchSharp;
        public sealed class BrokenMixer : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            public BrokenMixer(object options) : base("broken") { int x = ; }
        """;

    /// <summary>
    /// A tiny profile (1 layer, width 16, 4 steps on a 2-pair MQAR) so trainers that really train finish in seconds.
    /// </summary>
    public static TrainingProfile Profile { get; } = new()
    {
        Name = "Conformance",
        NumLayers = 1,
        ModelDim = 16,
        NumHeads = 2,
        ChunkSize = 8,
        SequenceLength = 16,
        BatchSize = 4,
        Steps = 4,
        WarmupSteps = 0,
        EvalBatches = 1,
        LossRecordInterval = 2,
        LossTask = "mqar",
        TrainingTimeout = TimeSpan.FromMinutes(2),
        Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "2", ["vocab"] = "8" })],
    };

    /// <summary>A proposal whose source is <see cref="ValidMixerSource"/>.</summary>
    public static Proposal ValidProposal { get; } = new()
    {
        Name = "conformance_projection",
        Motivation = "A per-token projection: the smallest mixer that meets the candidate contract.",
        Source = new CandidateSource(ValidMixerSource),
    };

    /// <summary>A proposal whose source is <see cref="UncompilableSource"/>.</summary>
    public static Proposal UncompilableProposal { get; } = new()
    {
        Name = "conformance_broken",
        Motivation = "Source that does not compile; the engineer must report a typed compile failure.",
        Source = new CandidateSource(UncompilableSource),
    };

    /// <summary>A research context with a parent, a reference and a baseline, all evaluated.</summary>
    /// <param name="seed">The context seed.</param>
    public static ResearchContext Context(int seed = 11) => new()
    {
        ExperimentIndex = 10,
        Parent = Evaluated(3, "parent_design", accuracy: 0.6, loss: 2.4),
        References = [Evaluated(4, "reference_design", accuracy: 0.5, loss: 2.6)],
        Baselines = [Baseline()],
        Seed = seed,
        ProfileName = Profile.Name,
    };

    /// <summary>The baseline experiment (index 1) measured on <see cref="Profile"/>.</summary>
    public static ExperimentRecord Baseline() => Evaluated(1, "DeltaNet", accuracy: 0.55, loss: 2.5) with
    {
        Kind = ExperimentKind.Baseline,
        Parent = null,
    };

    /// <summary>A finished experiment on <see cref="Profile"/> with the given accuracy and validation loss.</summary>
    /// <param name="index">Experiment index.</param>
    /// <param name="name">Experiment name.</param>
    /// <param name="accuracy">The MQAR accuracy.</param>
    /// <param name="loss">The validation loss.</param>
    /// <param name="parent">Parent index; 1 (the baseline) when null.</param>
    public static ExperimentRecord Evaluated(long index, string name, double accuracy, double loss, long? parent = null) => new()
    {
        Index = index,
        Parent = parent ?? 1,
        Name = name,
        Status = ExperimentStatus.Evaluated,
        Motivation = $"{name}: normalise keys before the delta-rule write so recall holds as pairs grow.",
        Program = ValidMixerSource.Replace("ConformanceMixer", "Mixer" + index, StringComparison.Ordinal),
        ProfileName = Profile.Name,
        Seed = 7,
        Probes = new ProbeReport { Causal = true, BatchIndependent = true, ComplexityExponent = 1.0, Parameters = 272, Fingerprint = "fp-" + index },
        Result = new TrainingResult
        {
            Tasks =
            [
                new TaskResult
                {
                    Task = "mqar",
                    ValidationLoss = loss,
                    LossCurve = [new LossPoint(2, loss + 0.5), new LossPoint(4, loss + 0.1)],
                    Metrics = new Dictionary<string, double> { ["accuracy"] = accuracy, ["validation_loss"] = loss },
                    Steps = 4,
                    TokensPerSecond = 10_000,
                },
            ],
            Parameters = 2_000,
            TokensPerSecond = 10_000,
            Duration = TimeSpan.FromSeconds(2),
            ProfileName = Profile.Name,
            Seed = 7,
            Device = "cpu",
        },
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index),
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index),
    };

    /// <summary>A fake compiled artifact of <see cref="ValidMixerSource"/> (for trainers that never load bytes).</summary>
    public static CandidateArtifact FakeArtifact { get; } = new()
    {
        Source = new CandidateSource(ValidMixerSource),
        Assembly = System.Text.Encoding.UTF8.GetBytes(ValidMixerSource),
        TypeName = "ConformanceMixer",
    };
}
