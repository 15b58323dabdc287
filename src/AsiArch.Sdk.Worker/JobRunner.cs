using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Benchmarks;
using AsiArch.Sdk.TorchSharp.Probes;
using AsiArch.Sdk.TorchSharp.Training;
using TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>Runs one job: start torch, load the candidate bytes (never compile), probe or train, report one result.</summary>
internal static class JobRunner
{
    public static WorkerMessage Run(WorkerJob job, string jobDirectory, ProtocolWriter writer)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            TorchRuntime.EnsureInitialized(new TorchRuntimeOptions
            {
                Device = job.Device,
                // Explicit even when the job leaves it open: a warmed-up standby worker ran with one thread.
                Threads = job.Threads ?? Environment.ProcessorCount,
                CacheDirectory = job.CacheDirectory,
                NativeLibraryDirectories = job.NativeLibraryDirectories,
            });
        }
        catch (Exception ex)
        {
            return Result(new ExperimentFailure(FailureKind.Crashed, $"The worker could not start torch: {ex.Message}", [ex.GetType().FullName ?? "", ex.Message]));
        }

        var torchInit = clock.Elapsed;
        var assemblyBytes = File.ReadAllBytes(Path.Combine(jobDirectory, job.AssemblyPath));
        var pdbBytes = job.PdbPath is null ? null : File.ReadAllBytes(Path.Combine(jobDirectory, job.PdbPath));
        LoadedMixer mixer;
        try
        {
            mixer = MixerLoader.Load(assemblyBytes, pdbBytes, job.TypeName);
        }
        catch (MixerContractException ex)
        {
            return Result(new ExperimentFailure(FailureKind.ContractViolation, ex.Message, [$"Contract rule broken: {ex.Violation}"]));
        }

        var loaded = clock.Elapsed;
        using (mixer)
        {
            return job.Kind switch
            {
                WorkerJob.ProbeKind => WithTimings(Probe(job, mixer), torchInit, loaded - torchInit, clock.Elapsed - loaded),
                WorkerJob.TrainKind => Train(job, mixer, writer),
                _ => Result(new ExperimentFailure(FailureKind.Crashed, $"Unknown worker job kind '{job.Kind}'.")),
            };
        }
    }

    private static WorkerMessage Probe(WorkerJob job, LoadedMixer mixer)
    {
        var settings = new ProbeSettings { ComplexityThreshold = job.ComplexityThreshold, MeasureComplexity = job.MeasureComplexity };
        if (StandbyWarmUp.Ran)
        {
            // A warmed-up worker has already run (and tiered up) these paths: one round to grow the allocator is enough.
            settings = settings with { ComplexityWarmUpRounds = 1 };
        }

        var run = MixerProbes.Run(mixer.Factory, job.Profile, job.Seed, settings);
        return new WorkerMessage { Type = "result", Probes = run.Report, Failure = run.Failure };
    }

    private static WorkerMessage Train(WorkerJob job, LoadedMixer mixer, ProtocolWriter writer)
    {
        BenchmarkRegistry benchmarks;
        try
        {
            benchmarks = LoadBenchmarks(job.BenchmarkAssemblies);
        }
        catch (Exception ex) when (ex is ArgumentException or System.Reflection.TargetInvocationException or IOException)
        {
            // A configuration error of the user's benchmark, not of the candidate: reported as a crash with the cause.
            return Result(new ExperimentFailure(FailureKind.Crashed, $"The worker could not load a custom benchmark: {(ex.InnerException ?? ex).Message}", [ex.ToString()]));
        }

        var trainer = new TorchSharpTrainer(new TorchSharpTrainerOptions { Sandbox = SandboxLevel.ProcessOnly, Benchmarks = benchmarks });
        var progress = new StreamingProgress(writer);
        try
        {
            var result = trainer.TrainAsync(
                new MixerTrainingRequest
                {
                    Mixer = mixer.Factory,
                    Profile = job.Profile,
                    Seed = job.Seed,
                    Device = job.Device,
                    Threads = job.Threads,
                    SourceFileName = "Layer.cs",
                    RunName = job.RunName,
                },
                progress).GetAwaiter().GetResult();
            return new WorkerMessage { Type = "result", Training = result };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Result(CandidateExceptions.Classify(ex, "training"));
        }
    }

    private static BenchmarkRegistry LoadBenchmarks(IReadOnlyList<string>? assemblies)
    {
        var registry = new BenchmarkRegistry();
        foreach (var path in assemblies ?? [])
        {
            foreach (var benchmark in BenchmarkAssemblyLoader.Load(path))
            {
                registry.Register(benchmark);
            }
        }

        return registry;
    }

    private static WorkerMessage WithTimings(WorkerMessage message, TimeSpan torchInit, TimeSpan load, TimeSpan probes)
    {
        if (message.Probes is { } report)
        {
            var extra = report.AdditionalProperties ?? new AdditionalPropertiesDictionary();
            extra["workerTorchInitMs"] = torchInit.TotalMilliseconds;
            extra["workerLoadMs"] = load.TotalMilliseconds;
            extra["workerProbeMs"] = probes.TotalMilliseconds;
            extra["workerWarmedUp"] = StandbyWarmUp.Ran;
            extra["workerIdleBeforeJobMs"] = StandbyEntry.IdleBeforeJob?.TotalMilliseconds;
            extra["workerTorchThreads"] = torch.get_num_threads();
            extra["workerProcessUptimeMs"] = (DateTime.UtcNow - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).TotalMilliseconds;
            return message with { Probes = report with { AdditionalProperties = extra } };
        }

        return message;
    }

    private static WorkerMessage Result(ExperimentFailure failure) => new() { Type = "result", Failure = failure };
}
