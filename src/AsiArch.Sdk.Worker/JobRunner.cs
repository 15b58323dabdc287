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
    /// <summary>Runs <paramref name="job"/>; a probe that asked to stay for training hands its loaded candidate out in <paramref name="keep"/>.</summary>
    /// <param name="job">The job.</param>
    /// <param name="jobDirectory">The scratch directory holding the job's files.</param>
    /// <param name="writer">Where progress lines go.</param>
    /// <param name="probed">The candidate an earlier probe job of this process kept, or null in a fresh process.</param>
    /// <param name="keep">The loaded candidate when the caller must keep it for a training job (it then owns it).</param>
    public static WorkerMessage Run(WorkerJob job, string jobDirectory, ProtocolWriter writer, ProbedCandidate? probed, out ProbedCandidate? keep)
    {
        keep = null;
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
        LoadedMixer mixer;
        if (probed is not null)
        {
            if (!probed.IsTrainingOf(job, assemblyBytes))
            {
                // The host only sends the training of the probed candidate; anything else would run beside foreign code.
                return Result(new ExperimentFailure(FailureKind.Crashed, "The worker that probed a candidate was handed a job for a different one; every candidate runs in a process of its own."));
            }

            mixer = probed.Mixer;
        }
        else
        {
            var pdbBytes = job.PdbPath is null ? null : File.ReadAllBytes(Path.Combine(jobDirectory, job.PdbPath));
            try
            {
                mixer = MixerLoader.Load(assemblyBytes, pdbBytes, job.TypeName);
            }
            catch (MixerContractException ex)
            {
                return Result(new ExperimentFailure(FailureKind.ContractViolation, ex.Message, [$"Contract rule broken: {ex.Violation}"]));
            }
        }

        var loaded = clock.Elapsed;
        var kept = false;
        try
        {
            switch (job.Kind)
            {
                case WorkerJob.ProbeKind:
                    var probes = WithTimings(Probe(job, mixer), torchInit, loaded - torchInit, clock.Elapsed - loaded);
                    if (job.StayForTraining && probes.Failure is null)
                    {
                        keep = new ProbedCandidate(mixer, assemblyBytes, job.TypeName);
                        kept = true;
                    }

                    return probes;
                case WorkerJob.TrainKind:
                    var trained = Train(job, mixer, writer);
                    return probed is null || trained.Training is null ? trained : MarkTrainedAfterProbe(trained);
                default:
                    return Result(new ExperimentFailure(FailureKind.Crashed, $"Unknown worker job kind '{job.Kind}'."));
            }
        }
        finally
        {
            // A probed candidate belongs to the caller that kept it.
            if (!kept && probed is null)
            {
                mixer.Dispose();
            }
        }
    }

    private static WorkerMessage Probe(WorkerJob job, LoadedMixer mixer)
    {
        var settings = new ProbeSettings { ComplexityThreshold = job.ComplexityThreshold, MeasureComplexity = job.MeasureComplexity };
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
            extra["workerStartUpAfterJobMs"] = StandbyEntry.StartUpAfterJob?.TotalMilliseconds;
            extra["workerHeapReservedMiB"] = HeapReserve.Reserved >> 20;
            extra["workerTorchThreads"] = torch.get_num_threads();
            extra["workerProcessUptimeMs"] = (DateTime.UtcNow - System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).TotalMilliseconds;
            return message with { Probes = report with { AdditionalProperties = extra } };
        }

        return message;
    }

    /// <summary>Says in the training result that this process probed the candidate before training it.</summary>
    private static WorkerMessage MarkTrainedAfterProbe(WorkerMessage message)
    {
        var extra = message.Training!.AdditionalProperties ?? new AdditionalPropertiesDictionary();
        extra["workerTrainedAfterProbe"] = true;
        return message with { Training = message.Training with { AdditionalProperties = extra } };
    }

    private static WorkerMessage Result(ExperimentFailure failure) => new() { Type = "result", Failure = failure };
}
