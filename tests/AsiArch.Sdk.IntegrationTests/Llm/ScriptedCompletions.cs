using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.IntegrationTests.Llm;

/// <summary>
/// Answers chat-completion requests by role, recognised from the system prompt: briefings, proposals (each a valid
/// candidate under the contract), novelty verdicts, repairs, analyses and judgements.
/// </summary>
internal sealed class ScriptedCompletions
{
    private int _proposals;

    public Func<JObject, string?>? Override { get; set; }

    public string Respond(JObject body)
    {
        if (Override?.Invoke(body) is { } overridden)
        {
            return overridden;
        }

        var system = body["messages"]![0]!.Value<string>("content") ?? "";
        if (system.Contains("You brief a neural-architecture researcher", StringComparison.Ordinal))
        {
            return JsonConvert.SerializeObject(new { experience = "Recall is the bottleneck; keep the short convolution." });
        }

        if (system.Contains("autonomous neural-architecture researcher", StringComparison.Ordinal)
            || system.Contains("innovation diversifier", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _proposals);
            var name = $"GatedDeltaVariant{n}";
            return JsonConvert.SerializeObject(new { name, motivation = $"Variant {n}: gate the delta-rule write strength by a learned sigmoid to cut interference on MQAR.", source = Source(name) });
        }

        if (system.Contains("repeats an earlier experiment", StringComparison.Ordinal))
        {
            return JsonConvert.SerializeObject(new { isDuplicate = false, similarTo = Array.Empty<int>(), reason = "Different mechanism." });
        }

        if (system.Contains("debugging engineer", StringComparison.Ordinal))
        {
            var user = body["messages"]![1]!.Value<string>("content") ?? "";
            var name = System.Text.RegularExpressions.Regex.Match(user, @"public sealed class (\w+)").Groups[1].Value;
            return JsonConvert.SerializeObject(new { changes = "Replaced the negative array index.", source = Source(name.Length > 0 ? name : "Repaired") });
        }

        if (system.Contains("You are the analyst", StringComparison.Ordinal))
        {
            return JsonConvert.SerializeObject(new
            {
                designEvaluation = "The gate is a focused change.",
                resultsAnalysis = "MQAR accuracy rose against the parent.",
                expectationVsReality = "As expected.",
                theoreticalExplanation = "Gated writes reduce interference.",
                synthesisAndInsights = "Keep gating the write path.",
                insights = new[] { new { triggerPatterns = "MQAR recall drops as pairs grow", designInsight = "Gate the write strength." } },
            });
        }

        if (system.Contains("You judge an evaluated architecture", StringComparison.Ordinal))
        {
            return JsonConvert.SerializeObject(new { performance = 6, innovation = 5, complexity = 8, reason = "Linear cost, modest gain." });
        }

        return "I do not know this prompt.";
    }

    public static string Source(string name, string body = "return Heads.Merge(SequenceOps.ChunkedDeltaRule(q, k, v, beta, _chunk)).MoveToOuterDisposeScope();") => $$"""
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;
        using AsiArch.Sdk.TorchSharp.Blocks;

        public sealed class {{name}} : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _qkv;
            private readonly TorchSharp.Modules.Linear _beta;
            private readonly int _heads;
            private readonly int _chunk;

            public {{name}}(MixerOptions options) : base(nameof({{name}}))
            {
                _heads = options.NumHeads;
                _chunk = options.ChunkSize;
                _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
                _beta = nn.Linear(options.ModelDim, options.NumHeads, hasBias: true);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                using var scope = NewDisposeScope();
                var parts = _qkv.forward(x).chunk(3, -1);
                var q = Norms.L2Normalize(Heads.Split(parts[0], _heads));
                var k = Norms.L2Normalize(Heads.Split(parts[1], _heads));
                var v = Heads.Split(parts[2], _heads);
                var beta = torch.sigmoid(_beta.forward(x)).transpose(1, 2);
                {{body}}
            }
        }
        """;
}
