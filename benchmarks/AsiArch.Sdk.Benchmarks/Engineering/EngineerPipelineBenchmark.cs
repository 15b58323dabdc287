using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Benchmarks.Engineering;

/// <summary>
/// Cost of everything the engineer does besides training: cold and warm compile + gate per candidate, then whole
/// Explore experiments (implement + evaluate with the real <see cref="Engineer"/> on the DeltaNet seed) with workers
/// started per job, with workers kept ready and a new one for the training, and with workers kept ready and the probed
/// worker training its candidate (the default), interleaved; <c>modes=probed</c> runs the default back to back, as the
/// offline loop does. Reports the share of an experiment's wall time that is not the training itself (goal: under 3%). <c>modes=</c> picks modes, among them variants of the waiting worker's heap reserve
/// (<c>ready-heap512</c>, <c>ready-noheap</c>, <c>probed-noheap</c>); <c>pause=MS</c> idles before each experiment.
/// Run under the torch lock: <c>flock /tmp/asiarch-torch.lock dotnet run -c Release --project benchmarks/AsiArch.Sdk.Benchmarks -- macro engineer-pipeline [experiments] [modes=per-job,ready,probed] [pause=0]</c>.
/// </summary>
internal sealed class EngineerPipelineBenchmark : IMacroBenchmark
{
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
        var modes = new[]
        {
            (Key: "per-job", Name: "per job", Ready: false, ProbedTrains: false, HeapMiB: 0),
            (Key: "ready", Name: "ready, training in a new worker", Ready: true, ProbedTrains: false, HeapMiB: -1),
            (Key: "probed", Name: "ready, probed worker trains", Ready: true, ProbedTrains: true, HeapMiB: -1),
            (Key: "ready-heap512", Name: "ready, 512 MiB heap reserve", Ready: true, ProbedTrains: false, HeapMiB: 512),
            (Key: "ready-noheap", Name: "ready, no heap reserve", Ready: true, ProbedTrains: false, HeapMiB: 0),
            (Key: "probed-noheap", Name: "probed, no heap reserve", Ready: true, ProbedTrains: true, HeapMiB: 0),
        };
        var settings = new BenchmarkSettings(args);
        var only = settings.Text("modes", "");
        var pauseMs = settings.Int("pause", 0);
        if (only.Length > 0)
        {
            modes = [.. modes.Where(m => only.Split(',').Contains(m.Key))];
        }
        else
        {
            modes = [.. modes.Where(m => !m.Key.Contains("heap", StringComparison.Ordinal))];
        }
        var runs = modes.ToDictionary(m => m.Name, _ => new List<ExperimentTiming>());
        var clients = modes.ToDictionary(m => m.Name, m =>
        {
            var options = new SandboxOptions { Threads = 2, KeepWorkerReady = m.Ready, TrainInProbedWorker = m.ProbedTrains };
            if (m.HeapMiB >= 0)
            {
                options.ReadyWorkerHeapBytes = m.HeapMiB * 1024L * 1024;
            }

            return new WorkerClient(options);
        });
        // One engineer per mode for the whole run, as the discovery loop holds one: its compiler caches stay warm.
        var prober = clients.ToDictionary(c => c.Key, c => new TimedProber(c.Value));
        var engineers = clients.ToDictionary(c => c.Key, c => new Engineer(new ArtifactBuilder(), prober[c.Key], new SandboxedTrainer(c.Value)));
        try
        {
            // One untimed experiment per mode with a five-step training: Roslyn and the JIT are warm, and in the ready modes
            // the workers for the first timed experiment were started during a training, as in a running loop.
            var shortTraining = TrainingProfiles.Explore with { Benchmarks = [TrainingProfiles.Explore.Benchmarks[0] with { Steps = 5 }] };
            foreach (var mode in modes)
            {
                await RunExperimentAsync(engineers[mode.Name], prober[mode.Name], seed.Source + "\n// warm-up\n", 0, shortTraining, cancellationToken);
            }

            // Interleaved, the order reversed every other round (ABC CBA), so load from other processes and drift over
            // the run hit every mode alike.
            for (var i = 1; i <= experiments; i++)
            {
                foreach (var mode in i % 2 == 1 ? modes : modes.Reverse())
                {
                    if (pauseMs > 0)
                    {
                        await Task.Delay(pauseMs, cancellationToken);
                    }

                    var timing = await RunExperimentAsync(engineers[mode.Name], prober[mode.Name], seed.Source + $"\n// variant {i}\n", i, TrainingProfiles.Explore, cancellationToken);
                    runs[mode.Name].Add(timing);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {mode.Name}, experiment {i}: wall {timing.WallMs / 1000:0.0} s, training {timing.TrainingMs / 1000:0.0} s, other {timing.OtherMs:0} ms (probe job {timing.ProbeJobMs:0} ms, start-up after job {timing.StartUpAfterJobMs:0} ms, stages {string.Join(" ", timing.Stages.Select(s => $"{s.Key.Split(' ')[0]}={s.Value:0}"))}; training job outside training {timing.TrainingJobMs - timing.TrainingMs:0} ms; heap reserved before the job {timing.HeapReservedMiB} MiB; complexity {timing.ComplexityTimings})"));
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
        output.WriteLine("| | " + string.Join(" | ", modes.Select(m => m.Name)) + " |");
        output.WriteLine("|---|" + string.Concat(modes.Select(_ => "---:|")));
        void Line(string name, Func<ExperimentTiming, double> pick, string format) =>
            output.WriteLine($"| {name} | " + string.Join(" | ", modes.Select(m => Median(runs[m.Name].Select(pick).ToList()).ToString(format, CultureInfo.InvariantCulture))) + " |");
        Line("experiment wall time (ms)", t => t.WallMs, "0");
        Line("training inside the worker (ms)", t => t.TrainingMs, "0");
        Line("  training tokens/s, first task", t => t.TokensPerSecond, "0");
        Line("everything else (ms)", t => t.OtherMs, "0");
        Line("  compile + gate (ms)", t => t.BuildMs, "0");
        Line("  probe job (ms)", t => t.ProbeJobMs, "0");
        Line("    of which torch start in the worker (ms)", t => t.TorchInitMs, "0");
        Line("    of which loading the candidate in the worker (ms)", t => t.LoadMs, "0");
        Line("    of which the probes in the worker (ms)", t => t.WorkerProbeMs, "0");
        Line("    of which hand-off: files, job read, result written and read (ms)", t => t.ProbeJobMs - t.TorchInitMs - t.LoadMs - t.WorkerProbeMs, "0");
        Line("    ready worker idle before the probe job arrived (ms; 0: the job waited for its start-up)", t => t.IdleBeforeJobMs, "0");
        Line("    probe job waiting for the ready worker's start-up (ms)", t => t.StartUpAfterJobMs, "0");
        foreach (var stage in runs.Values.SelectMany(r => r).SelectMany(t => t.Stages.Keys).Distinct())
        {
            Line($"    probe: {stage} (ms)", t => t.Stages.GetValueOrDefault(stage), "0");
        }

        Line("  training job outside training: start-up, load, result (ms)", t => t.TrainingJobMs - t.TrainingMs, "0");
        Line("share of the experiment that is not training", t => t.OtherMs / t.WallMs * 100, "0.0'%'");
    }

    private static async Task<ExperimentTiming> RunExperimentAsync(
        Engineer engineer, TimedProber prober, string source, int seed, TrainingProfile profile, CancellationToken cancellationToken)
    {
        var proposal = new Proposal { Name = "DeltaNet variant", Motivation = "benchmark", Source = new CandidateSource(source, "Layer.cs") };
        var wall = Stopwatch.StartNew();
        var implemented = await engineer.ImplementAsync(new ImplementationRequest { Proposal = proposal, Profile = profile, Seed = seed }, cancellationToken);
        var afterProbes = wall.Elapsed;
        if (implemented.Artifact is null)
        {
            throw new InvalidOperationException(implemented.Failure?.ToString());
        }

        var evaluated = await engineer.EvaluateAsync(
            new EvaluationRequest { Proposal = proposal, Artifact = implemented.Artifact, Profile = profile, Seed = seed }, null, cancellationToken);
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
            LoadMs: Number(extra["workerLoadMs"]),
            WorkerProbeMs: Number(extra["workerProbeMs"]),
            IdleBeforeJobMs: extra.TryGetValue("workerIdleBeforeJobMs", out var idle) ? Number(idle) : 0,
            StartUpAfterJobMs: extra.TryGetValue("workerStartUpAfterJobMs", out var startUp) ? Number(startUp) : 0,
            TrainingJobMs: (wall.Elapsed - afterProbes).TotalMilliseconds,
            HeapReservedMiB: extra.TryGetValue("workerHeapReservedMiB", out var heap) ? Number(heap) : 0,
            ComplexityTimings: extra.TryGetValue("complexityTimingsMs", out var timings) ? timings?.ToString() ?? "" : "",
            TokensPerSecond: evaluated.Training.Tasks[0].TokensPerSecond,
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
        double WallMs, double TrainingMs, double BuildMs, double ProbeJobMs, double TorchInitMs, double LoadMs, double WorkerProbeMs, double IdleBeforeJobMs, double StartUpAfterJobMs, double TrainingJobMs, double HeapReservedMiB, string ComplexityTimings, double TokensPerSecond, Dictionary<string, double> Stages)
    {
        public double OtherMs => WallMs - TrainingMs;
    }

    private static double Number(object? value) => value switch
    {
        double d => d,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Null } => 0,
        System.Text.Json.JsonElement e => e.GetDouble(),
        null => 0,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

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
