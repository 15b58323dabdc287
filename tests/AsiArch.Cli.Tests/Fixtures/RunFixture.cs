using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Storage;
using AsiArch.Sdk.Storage.Sqlite;

namespace AsiArch.Cli.Tests.Fixtures;

/// <summary>
/// A hand-made run database (no torch): a seed, a baseline, a small tree of candidates (two failed, one with hostile
/// text in its name and motivation), a promotion marked as a discovery, costs, analyses and loss curves.
/// </summary>
public static class RunFixture
{
    public const string HostileName = "<script>alert('x')</script>[red]boom[/]";
    public const string HostileMotivation = "Close the tag </pre></code><img src=x onerror=alert(1)> and [bold]markup[/] & more";

    public static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The experiments, by index: 1 seed, 2 baseline, 3-8 candidates, 9 promotion.</summary>
    public static IReadOnlyList<ExperimentRecord> Experiments { get; } = Build();

    public static async Task<string> CreateAsync(string path)
    {
        using var store = await SqliteExperimentStore.OpenAsync(path);
        await store.WriteSnapshotAsync(new ExperimentStoreSnapshot
        {
            Experiments = Experiments,
            Pool = [5, 4, 3],
            RunValues = new Dictionary<string, string>
            {
                ["promotion:5"] = """{"CandidateIndex":5,"CandidateName":"gated-conv-delta","PromotionIndexes":[9],"ProfileName":"Verify","Metric":0,"CandidateValues":[0.61,0.63],"BestBaselineName":"GatedDeltaNet","BaselineValues":[0.55,0.56],"Test":{"MeanA":0.62,"MeanB":0.555,"T":6.1,"DegreesOfFreedom":1.9,"PValue":0.013},"IsDiscovery":true,"Verdict":"beats GatedDeltaNet on Benchmark (p = 0.013 < 0.05)"}""",
                ["promotion:4"] = """{"CandidateIndex":4,"CandidateName":"conv-delta","PromotionIndexes":[],"ProfileName":"Verify","IsDiscovery":false,"Verdict":"Not enough finished seeds for a test (1 candidate, 2 baseline)."}""",
            },
        });
        return path;
    }

    private static List<ExperimentRecord> Build()
    {
        var list = new List<ExperimentRecord>
        {
            Scored(1, null, "DeltaNet", ExperimentKind.Seed, 1.50, 0.50, 0.50, 0.50, 60, Source("DeltaNetMixer", "ChunkedDeltaRule")),
            Scored(2, null, "GatedDeltaNet", ExperimentKind.Baseline, 1.62, 0.55, 0.57, 0.50, 70, Source("GatedDeltaNetMixer", "ChunkedGatedDeltaRule")),
            Scored(3, 1, "delta-silu", ExperimentKind.Candidate, 1.40, 0.45, 0.45, 0.50, 65, Source("DeltaSilu", "ChunkedDeltaRule"),
                """{"updateRule":"DeltaRule","featureMap":"Silu","convQ":false}"""),
            Scored(4, 1, "conv-delta", ExperimentKind.Candidate, 1.80, 0.62, 0.63, 0.55, 64, Source("ConvDelta", "ChunkedDeltaRule", conv: true),
                """{"updateRule":"DeltaRule","featureMap":"Silu","convQ":true}"""),
            Scored(5, 4, "gated-conv-delta", ExperimentKind.Candidate, 2.10, 0.70, 0.75, 0.65, 66, Source("GatedConvDelta", "ChunkedGatedDeltaRule", conv: true),
                """{"updateRule":"GatedDeltaRule","featureMap":"Silu","convQ":true}"""),
            Scored(6, 4, HostileName, ExperimentKind.Candidate, 1.55, 0.52, 0.51, 0.52, 63, Source("Hostile", "ChunkedLinearAttention")) with
            {
                Motivation = HostileMotivation,
            },
            Failed(7, 5, "broken-compile", FailureKind.CompileError, "CS1002: ; expected", 2),
            Failed(8, 3, "slow-one", FailureKind.Timeout, "Training exceeded 180 s", 190),
            Scored(9, 5, "gated-conv-delta@Verify/seed0", ExperimentKind.Promotion, 2.05, 0.69, 0.72, 0.64, 300, Source("GatedConvDelta", "ChunkedGatedDeltaRule", conv: true))
                with { ProfileName = "Verify" },
        };
        return list;
    }

    private static string Source(string name, string op, bool conv = false) => $$"""
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;
        using AsiArch.Sdk.TorchSharp.Blocks;

        // {{name}}: a test mixer "with a string" and `backticks` ``` inside.
        public sealed class {{name}} : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _qkv;
            {{(conv ? "private readonly ShortConvolution _conv;" : "")}}
            public {{name}}(MixerOptions options) : base(nameof({{name}}))
            {
                _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim);
                {{(conv ? "_conv = new ShortConvolution(options.ModelDim, 4);" : "")}}
                RegisterComponents();
            }

            public override Tensor forward(Tensor x) => SequenceOps.{{op}}(x, x, x, x, x, 64);
        }
        """;

    private static ExperimentRecord Scored(
        long index, long? parent, string name, ExperimentKind kind, double total, double lossC, double benchC, double judgeC, double seconds, string program,
        string? spec = null)
    {
        var loss = 2.0 - lossC;
        return new ExperimentRecord
        {
            Index = index,
            Parent = parent,
            Name = name,
            Kind = kind,
            Status = ExperimentStatus.Done,
            Motivation = $"Motivation of {name}: add a short convolution before the delta rule so keys see local context.",
            Program = program,
            DesignSpec = spec,
            ProfileName = "Smoke",
            Seed = 0,
            Sandbox = SandboxLevel.OsSandbox,
            Result = new TrainingResult
            {
                Tasks =
                [
                    new TaskResult
                    {
                        Task = "mqar",
                        LossCurve = Enumerable.Range(1, 12).Select(s => new LossPoint(s * 10, 4.0 / s + loss)).ToList(),
                        ValidationLoss = loss,
                        Metrics = new Dictionary<string, double> { ["accuracy"] = benchC },
                        Steps = 120,
                        TokensPerSecond = 85000,
                    },
                    new TaskResult { Task = "lm", ValidationLoss = loss + 1, Steps = 40, LossCurve = [new LossPoint(10, 5.0), new LossPoint(40, loss + 1)] },
                ],
                Parameters = 150_000,
                Duration = TimeSpan.FromSeconds(seconds),
                Sandbox = SandboxLevel.OsSandbox,
                ProfileName = "Smoke",
                Device = "cpu",
            },
            Judgement = new QualityJudgement { Performance = 7, Innovation = 6, Complexity = 8, Reason = $"Judge reason for {name}." },
            Fitness = new FitnessScore
            {
                Total = total,
                LossComponent = lossC,
                BenchmarkComponent = benchC,
                JudgeComponent = judgeC,
                Loss = loss,
                BenchmarkScore = benchC,
                RelativeLossImprovement = (lossC - 0.5) / 5,
                RelativeBenchmarkImprovement = (benchC - 0.5) / 5,
                BaselineName = "DeltaNet",
            },
            Analysis = new AnalysisReport
            {
                DesignEvaluation = $"Design of {name} is sound.",
                ResultsAnalysis = "Recall improved on mqar.",
                ExpectationVsReality = "As expected.",
                TheoreticalExplanation = "Local context sharpens keys.",
                SynthesisAndInsights = "Keep the convolution.",
            },
            Costs = new ExperimentCosts { ComputeSeconds = seconds, Usage = new TokenUsage { InputTokens = 1000, OutputTokens = 200, Cost = 0.01m } },
            CreatedAt = Start.AddMinutes(index),
            UpdatedAt = Start.AddMinutes(index + 1),
        };
    }

    private static ExperimentRecord Failed(long index, long parent, string name, FailureKind kind, string message, double seconds) => new()
    {
        Index = index,
        Parent = parent,
        Name = name,
        Kind = ExperimentKind.Candidate,
        Status = ExperimentStatus.Failed,
        Failure = new ExperimentFailure(kind, message),
        Motivation = "A bold idea that did not work: " + name.ToString(CultureInfo.InvariantCulture),
        Program = "public sealed class Broken { int x = }",
        ProfileName = "Smoke",
        Costs = new ExperimentCosts { ComputeSeconds = seconds },
        CreatedAt = Start.AddMinutes(index),
        UpdatedAt = Start.AddMinutes(index + 1),
    };
}
