using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Benchmarks.Engineering;

/// <summary>
/// Cost of everything the engineer does besides training: cold and warm compile + gate per candidate, then whole
/// Explore experiments (implement + evaluate with the real <see cref="Engineer"/> on the DeltaNet seed) with workers
/// started per job and with a worker kept ready, interleaved; the share of an experiment's wall time that is not the
/// training itself (goal: under 3%).
/// Run under the torch lock: <c>flock /tmp/asiarch-torch.lock dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- macro engineer-pipeline [experiments]</c>.
/// </summary>
internal sealed class EngineerPipelineBenchmark : IMacroBenchmark
{
    private const double ExploreExperimentSeconds = 30;

    public string Name => "engineer-pipeline";

    public string Description => "compile + gate per candidate, then Explore experiments with cold and ready workers: share of wall time that is not training";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var experiments = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
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

        output.WriteLine("Compile + gate (30 warm candidates):");
        output.WriteLine();
        output.WriteLine("| step | median |");
        output.WriteLine("|---|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first compile + gate in a process (cold Roslyn) | {cold.Elapsed.TotalMilliseconds:0} ms |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| warm compile (per candidate) | {Median(compile):0.0} ms |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| warm gate + contract (per candidate) | {Median(gate):0.0} ms |"));
        output.WriteLine();

        var seed = AsiArch.Sdk.TorchSharp.Baselines.BaselineCatalog.Get("DeltaNet");
        var modes = new[] { (Name: "worker started per job", Ready: false), (Name: "worker kept ready", Ready: true) };
        var runs = modes.ToDictionary(m => m.Name, _ => new List<ExperimentTiming>());
        var clients = modes.ToDictionary(m => m.Name, m => new WorkerClient(new SandboxOptions { Threads = 2, KeepWorkerReady = m.Ready }));
        try
        {
            // One untimed probe per client: Roslyn, the JIT and (in ready mode) the first waiting worker are warm before timing.
            var warmUp = builder.Build(new CandidateSource(seed.Source, "Layer.cs"));
            foreach (var client in clients.Values)
            {
                await client.ProbeAsync(warmUp.Artifact!, TrainingProfiles.Explore, seed: 0, cancellationToken);
            }

            // Interleaved, so load from other processes hits both modes alike.
            for (var i = 1; i <= experiments; i++)
            {
                foreach (var mode in modes)
                {
                    var timing = await RunExperimentAsync(clients[mode.Name], seed.Source + $"\n// variant {i}\n", i, cancellationToken);
                    runs[mode.Name].Add(timing);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {mode.Name}, experiment {i}: wall {timing.WallMs / 1000:0.0} s, training {timing.TrainingMs / 1000:0.0} s, other {timing.OtherMs:0} ms"));
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        output.WriteLine();
        output.WriteLine($"Explore experiments on the DeltaNet seed (implement + evaluate, real Engineer), isolation {clients.Values.First().Level}, 2 torch threads, median of {experiments}:");
        output.WriteLine();
        output.WriteLine("| | worker started per job | worker kept ready |");
        output.WriteLine("|---|---:|---:|");
        void Line(string name, Func<ExperimentTiming, double> pick, string format) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(runs[modes[0].Name].Select(pick).ToList()).ToString(format, CultureInfo.InvariantCulture)} | {Median(runs[modes[1].Name].Select(pick).ToList()).ToString(format, CultureInfo.InvariantCulture)} |"));
        Line("experiment wall time (ms)", t => t.WallMs, "0");
        Line("training inside the worker (ms)", t => t.TrainingMs, "0");
        Line("everything else (ms)", t => t.OtherMs, "0");
        Line("  compile + gate (ms)", t => t.BuildMs, "0");
        Line("  probe job (ms)", t => t.ProbeJobMs, "0");
        Line("    of which torch start in the worker (ms)", t => t.TorchInitMs, "0");
        foreach (var stage in runs.Values.SelectMany(r => r).SelectMany(t => t.Stages.Keys).Distinct())
        {
            Line($"    probe: {stage} (ms)", t => t.Stages.GetValueOrDefault(stage), "0");
        }

        Line("  training job outside training: start-up, load, result (ms)", t => t.TrainingJobMs - t.TrainingMs, "0");
        Line("share of the experiment that is not training", t => t.OtherMs / t.WallMs * 100, "0.0'%'");
    }

    private static async Task<ExperimentTiming> RunExperimentAsync(WorkerClient client, string source, int seed, CancellationToken cancellationToken)
    {
        var prober = new TimedProber(client);
        var engineer = new Engineer(new ArtifactBuilder(), prober, new SandboxedTrainer(client));
        var proposal = new Proposal { Name = "DeltaNet variant", Motivation = "benchmark", Source = new CandidateSource(source, "Layer.cs") };
        var wall = Stopwatch.StartNew();
        var implemented = await engineer.ImplementAsync(new ImplementationRequest { Proposal = proposal, Profile = TrainingProfiles.Explore, Seed = seed }, cancellationToken);
        var afterProbes = wall.Elapsed;
        if (implemented.Artifact is null)
        {
            throw new InvalidOperationException(implemented.Failure?.ToString());
        }

        var evaluated = await engineer.EvaluateAsync(
            new EvaluationRequest { Proposal = proposal, Artifact = implemented.Artifact, Profile = TrainingProfiles.Explore, Seed = seed }, null, cancellationToken);
        wall.Stop();
        if (evaluated.Failure is not null)
        {
            throw new InvalidOperationException(evaluated.Failure.ToString());
        }

        var extra = implemented.Probes!.AdditionalProperties!;
        var stages = extra.TryGetValue("probeStageMs", out var raw) && raw is System.Text.Json.JsonElement element
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble())
            : [];
        return new ExperimentTiming(
            WallMs: wall.Elapsed.TotalMilliseconds,
            TrainingMs: evaluated.Training!.Duration.TotalMilliseconds,
            BuildMs: afterProbes.TotalMilliseconds - prober.Milliseconds,
            ProbeJobMs: prober.Milliseconds,
            TorchInitMs: Number(extra["workerTorchInitMs"]),
            TrainingJobMs: (wall.Elapsed - afterProbes).TotalMilliseconds,
            Stages: stages);
    }

    /// <summary>Times the probe job as the engineer sees it (files written, worker run, result read).</summary>
    private sealed class TimedProber(ICandidateProber inner) : ICandidateProber
    {
        public double Milliseconds { get; private set; }

        public async Task<WorkerOutcome> ProbeAsync(CandidateArtifact artifact, TrainingProfile profile, int seed, CancellationToken cancellationToken = default)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await inner.ProbeAsync(artifact, profile, seed, cancellationToken);
            Milliseconds = watch.Elapsed.TotalMilliseconds;
            return outcome;
        }
    }

    private sealed record ExperimentTiming(
        double WallMs, double TrainingMs, double BuildMs, double ProbeJobMs, double TorchInitMs, double TrainingJobMs, Dictionary<string, double> Stages)
    {
        public double OtherMs => WallMs - TrainingMs;
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
