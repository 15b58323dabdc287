using System.Globalization;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp.Baselines;

namespace AsiArch.Sdk.Benchmarks.Diagnostics;

/// <summary>
/// Training time of the DeltaNet seed on Explore in a worker started per job (job file on the command line) against a
/// worker started in standby mode (libtorch preloaded, job read from standard input), alternating, no probes.
/// </summary>
internal sealed class WorkerModeTrainingBenchmark : IMacroBenchmark
{
    public string Name => "worker-mode-training";

    public string Description => "training in a per-job worker vs a standby worker (args: rounds=2)";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var rounds = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        var artifact = new ArtifactBuilder().Build(new CandidateSource(BaselineCatalog.Get("DeltaNet").Source, "Layer.cs")).Artifact!;
        for (var i = 0; i < rounds; i++)
        {
            foreach (var standby in i % 2 == 0 ? new[] { false, true } : [true, false])
            {
                using var client = new WorkerClient(new SandboxOptions { Threads = 2, KeepWorkerReady = standby });
                var outcome = await client.TrainAsync(new TrainingRequest { Candidate = artifact, Profile = TrainingProfiles.Explore, Seed = 1 }, null, cancellationToken);
                var training = outcome.Training!;
                var tasks = string.Join(", ", training.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Task} {t.TokensPerSecond:0} tok/s")));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(standby ? "standby" : "per-job")}: training {training.Duration.TotalSeconds:0.0} s; {tasks}"));
            }
        }
    }
}
