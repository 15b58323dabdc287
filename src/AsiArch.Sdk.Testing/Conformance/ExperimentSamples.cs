namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>Sample experiment data with every field filled, for store and serialisation tests.</summary>
public static class ExperimentSamples
{
    /// <summary>A draft with a motivation and program.</summary>
    /// <param name="name">Experiment name.</param>
    /// <param name="parent">Parent index.</param>
    /// <param name="motivation">Motivation text.</param>
    /// <param name="kind">Experiment kind.</param>
    public static ExperimentDraft Draft(string name, long? parent = null, string? motivation = null, ExperimentKind kind = ExperimentKind.Candidate) => new()
    {
        Name = name,
        Parent = parent,
        Kind = kind,
        Motivation = motivation ?? $"Motivation of {name}.",
        Program = $"public sealed class {name.Replace('-', '_')} {{ }}",
        ProfileName = "Smoke",
        Seed = 7,
        DesignSpec = "{\"featureMap\":\"EluPlusOne\"}",
        Costs = new ExperimentCosts { Usage = new TokenUsage { InputTokens = 10, OutputTokens = 5, Cost = 0.25m } },
        AdditionalProperties = new AdditionalPropertiesDictionary { ["origin"] = "sample", ["round"] = 3L },
    };

    /// <summary>A fitness score with the given total.</summary>
    /// <param name="total">Fitness total (0-3).</param>
    public static FitnessScore Fitness(double total) => new()
    {
        Total = total,
        LossComponent = total / 3,
        BenchmarkComponent = total / 3,
        JudgeComponent = total / 3,
        RelativeLossImprovement = 0.015,
        RelativeBenchmarkImprovement = -0.02,
        Loss = 3.25,
        BenchmarkScore = 0.41,
        BaselineName = "DeltaNet",
    };

    /// <summary>
    /// <paramref name="record"/> with every optional field set (results, fitness, analysis, cognition, repairs, probes,
    /// judgement, failure-free log, sandbox, costs, properties); the status is left as it is.
    /// </summary>
    /// <param name="record">The stored record to fill.</param>
    /// <param name="score">The fitness total.</param>
    public static ExperimentRecord Filled(ExperimentRecord record, double score = 1.75)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new CognitionEntry
        {
            Id = "paper-deltanet",
            TriggerPatterns = "recall degrades with many keys",
            Background = "Delta rule.",
            AlgorithmicInnovation = "Error-correcting memory update.",
            DesignInsight = "Overwrite instead of accumulate.",
            ImplementationGuidance = "Normalise keys.",
            Source = new CognitionSource { Title = "Parallelizing Linear Transformers with the Delta Rule", ArxivId = "2406.06484", Year = 2024 },
            CreatedAt = new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.FromHours(2)),
        };
        return record with
        {
            Program = record.Program + "\n// repaired",
            Probes = new ProbeReport { Causal = true, CausalLeak = 1e-7, ComplexityExponent = 1.02, BatchIndependent = true, Parameters = 12_345, StepMilliseconds = 4.5, PeakMemoryBytes = 1 << 20, Fingerprint = "abc123" },
            Result = new TrainingResult
            {
                Tasks =
                [
                    new TaskResult
                    {
                        Task = "mqar",
                        LossCurve = [new LossPoint(10, 4.25), new LossPoint(20, 3.125)],
                        ValidationLoss = 3.0625,
                        Metrics = new Dictionary<string, double> { ["accuracy"] = 0.875 },
                        TokensPerSecond = 81234.5,
                        Steps = 120,
                    },
                ],
                Parameters = 54_321,
                TokensPerSecond = 80_000,
                PeakMemoryBytes = 123_456_789,
                Duration = TimeSpan.FromSeconds(12.5),
                Sandbox = SandboxLevel.ProcessOnly,
                ProfileName = "Smoke",
                Seed = 7,
                Device = "cpu",
            },
            Judgement = new QualityJudgement { Performance = 7, Innovation = 6, Complexity = 9, Reason = "Linear and better." },
            Fitness = Fitness(score),
            Analysis = new AnalysisReport
            {
                DesignEvaluation = "Sound.",
                ResultsAnalysis = "Recall improved.",
                ExpectationVsReality = "As expected.",
                TheoreticalExplanation = "Delta rule.",
                SynthesisAndInsights = "Keep the gate.",
                Insights = [entry with { Id = "insight-1", Kind = CognitionKind.ExperimentDerived, ExperimentIndex = record.Index }],
            },
            Cognition = [new CognitionHit { Entry = entry, Score = 0.75 }],
            Attempts =
            [
                new RepairAttempt
                {
                    Number = 1,
                    Failure = new ExperimentFailure(FailureKind.CompileError, "CS1002: ; expected", ["Layer.cs(3,5): error CS1002"]),
                    FailedSourceHash = "deadbeef",
                    RepairedSource = new CandidateSource("class Fixed { }"),
                    Usage = new TokenUsage { InputTokens = 3, OutputTokens = 4 },
                },
            ],
            Log = "trained fine",
            Sandbox = SandboxLevel.ProcessOnly,
            Costs = new ExperimentCosts { Usage = new TokenUsage { InputTokens = 100, OutputTokens = 50, Cost = 1.5m }, ComputeSeconds = 12.5 },
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["origin"] = "sample",
                ["flags"] = new List<object?> { "a", 1L, true, null },
                ["nested"] = new Dictionary<string, object?> { ["x"] = 1.5, ["when"] = "2025-01-02T03:04:05Z" },
            },
        };
    }
}
