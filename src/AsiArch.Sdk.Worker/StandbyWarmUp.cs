using System.Text.Json;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;
using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// What a worker kept ready does before it waits: the probes and a two-step training of the library's DeltaNet
/// baseline (the seed most candidates descend from) at tiny shapes, and a round trip of the job and result JSON, so
/// the JIT has compiled the SDK's, TorchSharp's and the serializer's paths when the job arrives. Only library code
/// runs; no candidate has been loaded yet.
/// </summary>
internal static class StandbyWarmUp
{
    private const int StackBytes = 8 * 1024 * 1024;

    private static readonly TrainingProfile Tiny = TrainingProfiles.Smoke with
    {
        Name = "WarmUp",
        NumLayers = 1,
        ModelDim = 16,
        NumHeads = 2,
        ChunkSize = 8,
        SequenceLength = 16,
        BatchSize = 2,
        Steps = 2,
        WarmupSteps = 1,
        EvalBatches = 1,
        Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "2", ["vocab"] = "8" }) { Steps = 2 }],
    };

    /// <summary>Whether this process ran the warm-up to the end (reported with the probes).</summary>
    public static bool Ran { get; private set; }

    /// <summary>Runs the warm-up; returns false (and leaves the worker as it was) where it cannot run safely.</summary>
    /// <remarks>
    /// Skipped when the natives include a CUDA backend: the job picks its device, and running CPU work before that
    /// choice is not something this worker should decide. CPU only, one torch thread (a training usually runs next to
    /// a waiting worker), on a thread that ends, as every job runs (<see cref="JobEntry"/>).
    /// </remarks>
    public static bool TryRun(TextWriter error)
    {
        if (!OperatingSystem.IsLinux() || !TorchRuntime.NativesLoaded || TorchRuntime.HasCudaBackend)
        {
            return false;
        }

        var ran = false;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var mixer = BaselineCatalog.Get("DeltaNet").Factory;
                    var probes = MixerProbes.Run(mixer, Tiny, seed: 0, new ProbeSettings
                    {
                        ComplexityLengths = [32, 64],
                        ComplexityRepeats = 1,
                        MinComplexityRepeats = 1,
                        StepRepeats = 1,
                    });
                    var training = new TorchSharpTrainer().TrainAsync(
                        new MixerTrainingRequest { Mixer = mixer, Profile = Tiny, Seed = 0, Device = ComputeDevice.Cpu, Threads = 1 }).GetAwaiter().GetResult();
                    WarmUpProtocol(probes, training);
                    ran = true;
                }
                catch (Exception ex)
                {
                    // Only a lost optimisation: the job runs as in a cold worker.
                    error.WriteLine($"warm-up skipped: {ex.GetType().Name}: {ex.Message}");
                }
            },
            StackBytes)
        {
            Name = "asiarch-warm-up",
        };
        thread.Start();
        thread.Join();
        Ran = ran;
        return ran;
    }

    /// <summary>Reads a job file and writes both kinds of result into strings, so the JSON serializer has built its contracts.</summary>
    private static void WarmUpProtocol(ProbeRun probes, TrainingResult training)
    {
        var job = new WorkerJob { Kind = WorkerJob.ProbeKind, AssemblyPath = "candidate.dll", TypeName = "Mixer", Profile = Tiny };
        JsonSerializer.Deserialize<WorkerJob>(JsonSerializer.Serialize(job, ProtocolWriter.Json), ProtocolWriter.Json);
        JsonSerializer.Serialize(new WorkerMessage { Type = "result", Probes = probes.Report, Failure = probes.Failure }, ProtocolWriter.Json);
        JsonSerializer.Serialize(new WorkerMessage { Type = "result", Training = training }, ProtocolWriter.Json);
    }
}
