using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;
using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// What a worker kept ready does before it waits: the probes and a two-step training of the library's DeltaNet
/// baseline (the seed most candidates descend from) at tiny shapes, so the JIT has compiled the SDK's and TorchSharp's
/// paths when the job arrives (the protocol's JSON is warmed by every waiting worker, <see cref="ProtocolWarmUp"/>).
/// Only library code runs; no candidate has been loaded yet.
/// </summary>
internal static class StandbyWarmUp
{
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
    /// a waiting worker), on a thread that ends (<see cref="EndingThread"/>), as every job runs.
    /// </remarks>
    /// <param name="error">Where a skipped warm-up is explained.</param>
    /// <param name="jobArrived">Cancelled when the job arrives: the warm-up stops at the next step (it is only an optimisation).</param>
    public static bool TryRun(TextWriter error, CancellationToken jobArrived)
    {
        if (!OperatingSystem.IsLinux() || !TorchRuntime.NativesLoaded || TorchRuntime.HasCudaBackend)
        {
            return false;
        }

        var ran = false;
        EndingThread.Run(
            "asiarch-warm-up",
            () =>
            {
                try
                {
                    var mixer = BaselineCatalog.Get("DeltaNet").Factory;
                    MixerProbes.Run(mixer, Tiny, seed: 0, new ProbeSettings
                    {
                        ComplexityLengths = [32, 64],
                        ComplexityRepeats = 1,
                        MinComplexityRepeats = 1,
                        StepRepeats = 1,
                    });
                    jobArrived.ThrowIfCancellationRequested();
                    new TorchSharpTrainer().TrainAsync(
                        new MixerTrainingRequest { Mixer = mixer, Profile = Tiny, Seed = 0, Device = ComputeDevice.Cpu, Threads = 1 }, null, jobArrived).GetAwaiter().GetResult();
                    ran = true;
                }
                catch (OperationCanceledException)
                {
                    // The job came first; it runs now, with whatever was compiled so far.
                }
                catch (Exception ex)
                {
                    // Only a lost optimisation: the job runs as in a cold worker.
                    error.WriteLine($"warm-up skipped: {ex.GetType().Name}: {ex.Message}");
                }
            });
        Ran = ran;
        return ran;
    }
}
