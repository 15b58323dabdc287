using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Benchmarks.Engineering;

/// <summary>
/// Cost of everything the engineer does before training: cold and warm compile + gate per candidate, worker start-up
/// and the probes, against the ~30 s wall time of an Explore experiment (goal: under 3%).
/// Run under the torch lock: <c>flock /tmp/asiarch-torch.lock dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- macro engineer-pipeline</c>.
/// </summary>
internal sealed class EngineerPipelineBenchmark : IMacroBenchmark
{
    private const double ExploreExperimentSeconds = 30;

    public string Name => "engineer-pipeline";

    public string Description => "compile + gate per candidate (cold, warm), worker start-up and probe time vs an Explore experiment";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var probeRuns = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var builder = new ArtifactBuilder(new CandidateCompiler(new CandidateCompilerOptions { CacheCapacity = 0 }));

        var cold = Stopwatch.StartNew();
        var first = builder.Build(new CandidateSource(Candidate(0)));
        cold.Stop();
        if (!first.Succeeded)
        {
            throw new InvalidOperationException(first.Failure!.ToString());
        }

        var compile = new List<double>();
        var gate = new List<double>();
        for (var i = 1; i <= 30; i++)
        {
            var r = builder.Build(new CandidateSource(Candidate(i)));
            compile.Add(r.CompileTime.TotalMilliseconds);
            gate.Add(r.GateTime.TotalMilliseconds);
        }

        var client = new WorkerClient(new SandboxOptions { Threads = 2 });
        var total = new List<double>();
        var torchInit = new List<double>();
        var probe = new List<double>();
        var startup = new List<double>();
        for (var i = 0; i < probeRuns; i++)
        {
            var outcome = await client.ProbeAsync(first.Artifact!, TrainingProfiles.Explore, seed: i, cancellationToken);
            if (outcome.Failure is not null)
            {
                throw new InvalidOperationException(outcome.Failure.ToString());
            }

            var extra = outcome.Probes!.AdditionalProperties!;
            var init = Number(extra["workerTorchInitMs"]);
            var probeMs = Number(extra["workerProbeMs"]);
            total.Add(outcome.Duration.TotalMilliseconds);
            torchInit.Add(init);
            probe.Add(probeMs);
            startup.Add(outcome.Duration.TotalMilliseconds - probeMs);
        }

        var warm = Median(compile) + Median(gate);
        var everything = warm + Median(total);
        output.WriteLine($"Isolation: {client.Level}; probe profile Explore; {probeRuns} worker runs; 30 warm candidates.");
        output.WriteLine();
        output.WriteLine("| step | median | share of a 30 s Explore experiment |");
        output.WriteLine("|---|---:|---:|");
        Row(output, "first compile + gate in a process (cold Roslyn)", cold.Elapsed.TotalMilliseconds);
        Row(output, "warm compile (per candidate)", Median(compile));
        Row(output, "warm gate + contract (per candidate)", Median(gate));
        Row(output, "worker start-up (process, sandbox, torch load; total minus probes)", Median(startup));
        Row(output, "  of which torch init inside the worker", Median(torchInit));
        Row(output, "probes in the worker", Median(probe));
        Row(output, "everything except training (warm compile + gate + worker run)", everything);
    }

    private static double Number(object? value) => value switch
    {
        double d => d,
        System.Text.Json.JsonElement e => e.GetDouble(),
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static void Row(TextWriter output, string name, double ms) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms:0.0} ms | {ms / (ExploreExperimentSeconds * 1000):P2} |"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Candidate(int variant) => $$"""
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;
        using AsiArch.Sdk.TorchSharp.Blocks;

        public sealed class BenchMixer{{variant}} : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _qkv;
            private readonly TorchSharp.Modules.Linear _out;
            private readonly int _heads;

            public BenchMixer{{variant}}(MixerOptions options) : base(nameof(BenchMixer{{variant}}))
            {
                _heads = options.NumHeads;
                _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim);
                _out = nn.Linear(options.ModelDim, options.ModelDim);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                var parts = _qkv.forward(x).chunk(3, -1);
                var q = Heads.Split(nn.functional.elu(parts[0], 1.0) + 1.0 + {{variant}} * 1e-6, _heads);
                var k = Heads.Split(nn.functional.elu(parts[1], 1.0) + 1.0, _heads);
                var v = Heads.Split(parts[2], _heads);
                var o = SequenceOps.ChunkedLinearAttention(q, k, v, null, 32);
                return _out.forward(Heads.Merge(o));
            }
        }
        """;
}
