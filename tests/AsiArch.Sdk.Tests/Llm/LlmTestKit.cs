using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Usage;
using AsiArch.Sdk.Testing.Fakes;
using Newtonsoft.Json;

namespace AsiArch.Sdk.Tests.Llm;

/// <summary>Shared builders for the LLM agent tests.</summary>
internal static class LlmTestKit
{
    public static LlmInvoker Invoker(ScriptedChatClient client, IExperimentStore? store = null, Action<LlmOptions>? configure = null, LlmUsageTracker? usage = null)
    {
        var options = new LlmOptions { Model = "test-model", MaxAttempts = 3 };
        configure?.Invoke(options);
        return new LlmInvoker(new LlmClientSet(client), options, usage: usage ?? new LlmUsageTracker(options), store: store, timeProvider: new FixedTimeProvider());
    }

    public static string Source(string name = "GatedRecallMixer", string body = "return _out.forward(x);") => $$"""
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;
        using AsiArch.Sdk.TorchSharp.Blocks;

        public sealed class {{name}} : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _out;

            public {{name}}(MixerOptions options) : base(nameof({{name}}))
            {
                _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                {{body}}
            }
        }
        """;

    public static string ProposalJson(string name = "GatedRecallMixer", string motivation = "Gate the recall path to sharpen MQAR retrieval.", string? source = null) =>
        JsonConvert.SerializeObject(new { name, motivation, source = source ?? Source(name) });

    public static string Json(object value) => JsonConvert.SerializeObject(value);

    public static ExperimentRecord Record(long index, string name = "DeltaNet", string motivation = "Delta rule with short convolutions.", AnalysisReport? analysis = null) => new()
    {
        Index = index,
        Name = name,
        Motivation = motivation,
        Program = Source(name),
        Status = ExperimentStatus.Done,
        Analysis = analysis,
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index),
        Result = new TrainingResult
        {
            Parameters = 12_345,
            TokensPerSecond = 90_000,
            Tasks =
            [
                new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.42 + index / 100.0 } },
                new TaskResult { Task = "lm", ValidationLoss = 3.1, LossCurve = [new LossPoint(10, 5.0), new LossPoint(100, 3.2)] },
            ],
        },
    };

    public static AnalysisReport Analysis(string text = "The delta rule improved recall.") => new()
    {
        DesignEvaluation = text,
        ResultsAnalysis = "MQAR accuracy rose.",
        ExpectationVsReality = "As expected.",
        TheoreticalExplanation = "Error-correcting writes reduce interference.",
        SynthesisAndInsights = "Keep the delta rule.",
    };

    public static string AnalysisJson(string design = "The gate sharpened recall.") => Json(new
    {
        designEvaluation = design,
        resultsAnalysis = "MQAR accuracy 0.55 vs parent 0.43.",
        expectationVsReality = "Recall improved as predicted; loss flat.",
        theoreticalExplanation = "The gate suppresses stale associations.",
        synthesisAndInsights = "Gating the write path helps recall.",
        insights = new[] { new { triggerPatterns = "MQAR recall drops with more pairs", designInsight = "Gate the write path." } },
    });

    public static string BriefingJson(string text = "Strong recall, weak loss.") => Json(new { experience = text });

    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
    }
}
