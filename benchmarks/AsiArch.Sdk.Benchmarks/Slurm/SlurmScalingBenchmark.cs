using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Slurm;

namespace AsiArch.Sdk.Benchmarks.Slurm;

/// <summary>
/// Training throughput through Slurm on the local single-node cluster (scripts/setup/slurm.sh): the real worker with one
/// 1-thread torch job per slot (1 vs 2 slots), then a simulated trainer (a job that sleeps and prints a result) from 1
/// to 16 slots. A slot is one caller training candidates one after another, as a discovery-loop slot does.
/// Run under the torch lock: <c>flock /tmp/asiarch-torch.lock dotnet run ... -- macro slurm-scaling</c>.
/// </summary>
internal sealed class SlurmScalingBenchmark : IMacroBenchmark
{
    private const string MixerSource = """
        using System;
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        public sealed class RunningMeanMixer : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _in;
            private readonly TorchSharp.Modules.Linear _out;

            public RunningMeanMixer(MixerOptions options) : base(nameof(RunningMeanMixer))
            {
                _in = nn.Linear(options.ModelDim, options.ModelDim);
                _out = nn.Linear(options.ModelDim, options.ModelDim);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                var h = nn.functional.silu(_in.forward(x));
                var t = x.shape[1];
                var counts = torch.arange(1, t + 1, dtype: x.dtype).view(1, t, 1);
                return _out.forward(h.cumsum(1) / counts) * (1.0 + 0.0 * SEED);
            }
        }
        """;

    private const string SleepingWorker = """
        #!/bin/bash
        # Simulated trainer: sleep, then print a worker result line.
        sleep "$1"
        echo '@@asiarch {"type":"result","training":{"tasks":[{"task":"lm","validationLoss":2.5,"metrics":{},"steps":1,"tokensPerSecond":1}],"parameters":1,"device":"cpu","sandbox":"ProcessOnly"}}'
        """;

    public string Name => "slurm-scaling";

    public string Description => "Slurm trainer throughput: real worker 1 vs 2 slots (1 torch thread each), simulated trainer 1-16 slots.";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var candidatesPerSlot = Arg(args, "--torch-per-slot", 3);
        var steps = Arg(args, "--steps", 100);
        var sleepSeconds = Arg(args, "--sleep", 4);
        var jobsPerSlot = Arg(args, "--jobs-per-slot", 3);
        var skipTorch = args.Contains("--skip-torch");
        if (!SlurmTrainer.IsSlurmAvailable())
        {
            output.WriteLine("Slurm is not installed (sbatch/squeue not on PATH); run scripts/setup/slurm.sh as root first.");
            return;
        }

        var root = Path.Combine(Path.GetTempPath(), "asiarch-slurm-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            output.WriteLine($"Single-node Slurm 22.05 cluster (2 CPUs, jobs oversubscribe cores up to 8 per core), {Environment.ProcessorCount} cores, poll interval 1 s.");
            if (!skipTorch)
            {
                await TorchAsync(root, candidatesPerSlot, steps, output, cancellationToken);
            }

            await SimulatedAsync(root, sleepSeconds, jobsPerSlot, output, cancellationToken);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task TorchAsync(string root, int perSlot, int steps, TextWriter output, CancellationToken cancellationToken)
    {
        var profile = TrainingProfiles.Smoke with
        {
            Steps = steps,
            WarmupSteps = Math.Min(10, steps),
            Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "4", ["vocab"] = "16" })],
        };
        var builder = new ArtifactBuilder(new CandidateCompiler());
        var artifacts = Enumerable.Range(0, 2 * perSlot).Select(i =>
        {
            var build = builder.Build(new CandidateSource(MixerSource.Replace("SEED", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
            return build.Artifact ?? throw new InvalidOperationException(build.Failure?.ToString());
        }).ToList();
        output.WriteLine();
        output.WriteLine($"Real worker (AsiArch.Sdk.Worker, Smoke model, mqar {steps} steps, 1 torch thread per job), {perSlot} candidates per slot:");
        output.WriteLine();
        output.WriteLine("| slots | candidates | wall (s) | candidates/min | mean job (s) | vs 1 slot |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        double? single = null;
        foreach (var slots in new[] { 1, 2 })
        {
            var options = new SlurmOptions
            {
                SharedDirectory = Path.Combine(root, $"torch-{slots}"),
                PollInterval = TimeSpan.FromSeconds(1),
                MemoryMegabytes = 2048,
                CpusPerTask = 1,
                Threads = 1,
                TimeLimit = TimeSpan.FromMinutes(10),
            };
            var requests = artifacts.Take(slots * perSlot)
                .Select((a, i) => new TrainingRequest { Candidate = a, Profile = profile, Seed = i, Device = ComputeDevice.Cpu, Threads = 1 })
                .ToList();
            var (seconds, results) = await MeasureAsync(options, slots, requests, cancellationToken);
            var failed = results.Where(r => !r.Succeeded).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException("A training failed: " + failed[0].Failure);
            }

            var perMinute = results.Count / seconds * 60;
            single ??= perMinute;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {slots} | {results.Count} | {seconds:0.0} | {perMinute:0.00} | {results.Average(r => r.Duration.TotalSeconds):0.0} | {perMinute / single.Value:0.00}x |"));
        }
    }

    private static async Task SimulatedAsync(string root, int sleepSeconds, int jobsPerSlot, TextWriter output, CancellationToken cancellationToken)
    {
        var script = Path.Combine(root, "sleeping-worker.sh");
        await File.WriteAllTextAsync(script, SleepingWorker.Replace("\r", "", StringComparison.Ordinal) + "\n", cancellationToken);
        var artifact = new CandidateArtifact { Source = new CandidateSource("// simulated"), Assembly = [1, 2, 3], TypeName = "Simulated" };
        output.WriteLine();
        output.WriteLine($"Simulated trainer (a job that sleeps {sleepSeconds} s and prints a result), {jobsPerSlot} jobs per slot:");
        output.WriteLine();
        output.WriteLine("| slots | jobs | wall (s) | jobs/min | ideal jobs/min | of ideal | vs N x 1 slot |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        double? single = null;
        foreach (var slots in new[] { 1, 2, 4, 8, 16 })
        {
            var options = new SlurmOptions
            {
                SharedDirectory = Path.Combine(root, $"sim-{slots}"),
                WorkerCommand = ["/bin/bash", script, sleepSeconds.ToString(CultureInfo.InvariantCulture)],
                PollInterval = TimeSpan.FromSeconds(1),
                MemoryMegabytes = 64,
                CpusPerTask = 1,
                TimeLimit = TimeSpan.FromMinutes(5),
            };
            var requests = Enumerable.Range(0, slots * jobsPerSlot)
                .Select(i => new TrainingRequest { Candidate = artifact, Profile = TrainingProfiles.Smoke, Seed = i })
                .ToList();
            var (seconds, results) = await MeasureAsync(options, slots, requests, cancellationToken);
            if (results.Any(r => !r.Succeeded))
            {
                throw new InvalidOperationException("A simulated training failed: " + results.First(r => !r.Succeeded).Failure);
            }

            var perMinute = results.Count / seconds * 60;
            var ideal = slots * 60.0 / sleepSeconds;
            single ??= perMinute;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {slots} | {results.Count} | {seconds:0.0} | {perMinute:0.0} | {ideal:0.0} | {perMinute / ideal:0.00} | {perMinute / (slots * single.Value):0.00} |"));
        }
    }

    /// <summary>Runs <paramref name="requests"/> with <paramref name="slots"/> callers, each training one at a time.</summary>
    private static async Task<(double Seconds, List<TrainingResult> Results)> MeasureAsync(
        SlurmOptions options, int slots, IReadOnlyList<TrainingRequest> requests, CancellationToken cancellationToken)
    {
        await using var trainer = new SlurmTrainer(options);
        var next = -1;
        var results = new TrainingResult[requests.Count];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, slots).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                results[i] = await trainer.TrainAsync(requests[i], cancellationToken: cancellationToken);
            }
        }));
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, results.ToList());
    }

    private static int Arg(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
