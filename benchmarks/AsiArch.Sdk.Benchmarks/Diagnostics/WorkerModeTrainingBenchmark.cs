using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp.Baselines;

namespace AsiArch.Sdk.Benchmarks.Diagnostics;

/// <summary>
/// Training speed of the DeltaNet seed (Explore's MQAR task) in a worker started for the job, in a worker kept ready
/// (started ahead, idle when the job arrives) and in a worker kept ready that warmed up first; modes interleaved,
/// nothing else running during the timed training.
/// </summary>
internal sealed class WorkerModeTrainingBenchmark : IMacroBenchmark
{
    public string Name => "worker-mode-training";

    public string Description => "training in a per-job worker vs a ready worker vs a warmed-up ready worker (args: rounds=2 steps=120)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var steps = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120;
        var profile = TrainingProfiles.Explore with { Benchmarks = [TrainingProfiles.Explore.Benchmarks[0] with { Steps = steps }] };
        var artifact = new ArtifactBuilder().Build(new CandidateSource(BaselineCatalog.Get("DeltaNet").Source, "Layer.cs")).Artifact!;
        (string Name, bool Ready, bool WarmUp)[] modes = [("per-job", false, false), ("ready", true, false), ("ready, warmed up", true, true)];
        var results = modes.ToDictionary(m => m.Name, _ => new List<double>());
        for (var i = 0; i < rounds; i++)
        {
            foreach (var mode in i % 2 == 0 ? modes : modes.Reverse())
            {
                using var client = new WorkerClient(new SandboxOptions { Threads = 2, KeepWorkerReady = mode.Ready, WarmUpReadyWorkers = mode.WarmUp });
                if (mode.Ready)
                {
                    // A probe job leaves a worker waiting; give it time to finish starting (and warming up) undisturbed.
                    await client.ProbeAsync(artifact, profile, seed: 1, cancellationToken);
                    await Task.Delay(TimeSpan.FromSeconds(8), cancellationToken);
                }

                var outcome = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = profile, Seed = 1 }, null, cancellationToken);
                var task = outcome.Training!.Tasks[0];
                results[mode.Name].Add(task.TokensPerSecond);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode.Name}: {task.TokensPerSecond:0} tokens/s, training {outcome.Training.Duration.TotalSeconds:0.0} s"));
            }
        }

        output.WriteLine();
        foreach (var (name, values) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {values.Order().ElementAt(values.Count / 2):0} tokens/s over {values.Count}"));
        }
    }
}
