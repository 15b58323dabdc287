using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;
using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.Benchmarks.Diagnostics;

/// <summary>
/// Does running the probes first slow a training down in the same process? Trains the DeltaNet baseline on Explore,
/// with an optional probe run (all probes, or all but complexity) before it; run each mode in its own process.
/// </summary>
internal sealed class ProbeThenTrainBenchmark : IMacroBenchmark
{
    public string Name => "probe-then-train";

    public string Description => "training time in a process that ran the probes first (args: none|probes|probes-thread|nocomplexity [repeats=2] [short])";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var mode = args.Count > 0 ? args[0] : "none";
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 2 });
        var baseline = BaselineCatalog.Get("DeltaNet");
        var repeats = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var profile = args.Count > 2 && args[2] == "short"
            ? TrainingProfiles.Explore with { Benchmarks = [TrainingProfiles.Explore.Benchmarks[0] with { Steps = 60 }] }
            : TrainingProfiles.Explore;
        var watch = Stopwatch.StartNew();
        if (mode != "none")
        {
            var settings = new ProbeSettings { MeasureComplexity = mode != "nocomplexity" };
            // "probes-thread": on a thread of its own that ends afterwards, as the trainer runs each task.
            var run = mode == "probes-thread"
                ? await Task.Factory.StartNew(() => MixerProbes.Run(baseline.Factory, profile, 1, settings), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                : MixerProbes.Run(baseline.Factory, profile, 1, settings);
            output.WriteLine($"probes: {watch.Elapsed.TotalMilliseconds:0} ms, failure {run.Failure?.Kind.ToString() ?? "none"}");
        }

        for (var i = 0; i < repeats; i++)
        {
            watch.Restart();
            var result = await new TorchSharpTrainer().TrainAsync(
                new MixerTrainingRequest { Mixer = baseline.Factory, Profile = profile, Seed = 1, Device = ComputeDevice.Cpu, Threads = 2 }, null, cancellationToken);
            var tasks = string.Join(", ", result.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Task} {t.TokensPerSecond:0} tok/s")));
            GC.Collect();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode} training {i + 1}: {watch.Elapsed.TotalSeconds:0.0} s; {tasks}"));
        }
    }
}
