using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.TorchSharp.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>
/// Trains a mixer inside the <see cref="Model.BackboneLm"/> on every benchmark task of a profile, one fresh model per
/// task, and measures it on held-out data: AdamW, warm-up plus cosine or WSD, gradient clipping, bf16 on CUDA by
/// explicit casting, deterministic on the CPU for a seed. Candidate assemblies are loaded into this process, so call it
/// with a <see cref="TrainingRequest"/> only inside the sandboxed worker; trusted baselines may use
/// <see cref="TrainAsync(MixerTrainingRequest, IProgress{TrainingProgress}?, CancellationToken)"/> directly.
/// </summary>
public sealed class TorchSharpTrainer : ITrainer
{
    private readonly TorchSharpTrainerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a trainer.</summary>
    public TorchSharpTrainer(TorchSharpTrainerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new TorchSharpTrainerOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        Benchmarks = _options.Benchmarks ?? new BenchmarkRegistry();
    }

    /// <summary>Where benchmark names are resolved.</summary>
    public BenchmarkRegistry Benchmarks { get; }

    /// <inheritdoc />
    /// <remarks>Loads the candidate's assembly into this process: only for the sandboxed worker.</remarks>
    public async Task<TrainingResult> TrainAsync(
        TrainingRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Candidate);
        ArgumentNullException.ThrowIfNull(request.Profile);
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = request.Device, Threads = request.Threads });
        LoadedMixer loaded;
        try
        {
            loaded = MixerLoader.Load(request.Candidate.Assembly, request.Candidate.Pdb, request.Candidate.TypeName);
        }
        catch (MixerContractException ex)
        {
            return new TrainingResult
            {
                Failure = new ExperimentFailure(FailureKind.ContractViolation, ex.Message),
                ProfileName = request.Profile.Name,
                Seed = request.Seed,
                Sandbox = _options.Sandbox,
            };
        }

        using (loaded)
        {
            return await TrainAsync(
                new MixerTrainingRequest
                {
                    Mixer = loaded.Factory,
                    Profile = request.Profile,
                    Seed = request.Seed,
                    Device = request.Device,
                    Threads = request.Threads,
                    SourceFileName = request.Candidate.Source.FileName,
                    RunName = request.RunName,
                },
                progress,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Trains a mixer built by a factory in this process (trusted code only).</summary>
    /// <exception cref="ArgumentException">The profile or a benchmark setting is invalid, or a benchmark is unknown.</exception>
    /// <exception cref="BenchmarkDataException">A benchmark produced invalid data.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between steps).</exception>
    public async Task<TrainingResult> TrainAsync(
        MixerTrainingRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Mixer);
        ArgumentNullException.ThrowIfNull(request.Profile);
        var profile = request.Profile;
        profile.Validate();
        var benchmarks = profile.Benchmarks.Select(spec => (Spec: spec, Benchmark: Benchmarks.Get(spec.Name))).ToList();

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = request.Device, Threads = request.Threads });
        if (request.Threads is { } threads)
        {
            torch.set_num_threads(threads);
        }

        var device = ResolveDevice(request.Device);
        var bf16 = _options.Precision == TrainingPrecision.BFloat16
            || (_options.Precision == TrainingPrecision.Auto && device.type == DeviceType.CUDA);
        var started = _time.GetTimestamp();
        var totalSteps = benchmarks.Sum(b => b.Spec.Steps ?? profile.Steps);
        var stepsBefore = 0;
        var trainer = new TaskTrainer(_options, _time);
        var outcomes = new List<TaskOutcome>();
        ExperimentFailure? failure = null;

        for (var index = 0; index < benchmarks.Count && failure is null; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (spec, benchmark) = benchmarks[index];
            var steps = spec.Steps ?? profile.Steps;
            if (steps <= 0)
            {
                throw new ArgumentException($"Benchmark '{spec.Name}' of profile {profile.Name} must train at least one step, got {steps}.", nameof(request));
            }

            var data = await benchmark.PrepareAsync(
                new BenchmarkSetup { SequenceLength = profile.SequenceLength, Seed = request.Seed, Settings = spec.Settings },
                cancellationToken).ConfigureAwait(false);
            var validation = data.ValidationBatches(profile.BatchSize, profile.EvalBatches);
            var offset = stepsBefore;
            var run = new TaskRun
            {
                Task = spec.Name,
                Data = data,
                Validation = validation,
                Profile = profile,
                Steps = steps,
                TorchSeed = SeedMixer.Derive(request.Seed, 100 + index),
                Mixer = request.Mixer,
                Device = device,
                BFloat16 = bf16,
                SourceFileName = request.SourceFileName,
                OnStep = (step, loss) => Report(progress, spec.Name, step, steps, loss, offset + step, totalSteps, started, profile.LossRecordInterval),
            };

            // Torch work stays on one dedicated thread: dispose scopes are thread-local.
            var outcome = await Task.Factory.StartNew(
                () => trainer.Run(run, cancellationToken),
                cancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).ConfigureAwait(false);
            outcomes.Add(outcome);
            failure = outcome.Failure;
            stepsBefore += steps;
        }

        return BuildResult(request, device, bf16, outcomes, failure, _time.GetElapsedTime(started));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    private static Device ResolveDevice(ComputeDevice requested) => requested switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Cuda when cuda.is_available() => CUDA,
        ComputeDevice.Cuda => throw new InvalidOperationException(
            "CUDA was requested but is not available: reference TorchSharp-cuda-linux and run on a machine with an NVIDIA GPU."),
        _ => TorchRuntime.Device,
    };

    private void Report(
        IProgress<TrainingProgress>? progress, string task, int step, int steps, double loss, int done, int total, long started, int interval)
    {
        if (progress is null || (step != 1 && step != steps && step % interval != 0))
        {
            return;
        }

        var elapsed = _time.GetElapsedTime(started);
        progress.Report(new TrainingProgress
        {
            Stage = "train",
            Task = task,
            Step = step,
            TotalSteps = steps,
            Loss = loss,
            Elapsed = elapsed,
            Remaining = TimeSpan.FromTicks((long)(elapsed.Ticks * (double)(total - done) / done)),
        });
    }

    private TrainingResult BuildResult(
        MixerTrainingRequest request, Device device, bool bf16, List<TaskOutcome> outcomes, ExperimentFailure? failure, TimeSpan duration)
    {
        var profile = request.Profile;
        var main = outcomes.FirstOrDefault(o => string.Equals(o.Result.Task, profile.LossTask, StringComparison.OrdinalIgnoreCase))
            ?? outcomes.FirstOrDefault();
        var tokens = outcomes.Sum(o => o.TrainTokens);
        var seconds = outcomes.Sum(o => o.TrainSeconds);
        var extra = new AdditionalPropertiesDictionary
        {
            ["mixer_parameters"] = main?.MixerParameters ?? 0,
            ["precision"] = bf16 ? "bf16" : "fp32",
            ["threads"] = torch.get_num_threads(),
        };
        foreach (var o in outcomes)
        {
            extra[$"{o.Result.Task}.parameters"] = o.Parameters;
            extra[$"{o.Result.Task}.flops_per_token"] = o.FlopsPerToken;
            extra[$"{o.Result.Task}.train_seconds"] = o.TrainSeconds;
        }

        if (request.RunName is not null)
        {
            extra["run_name"] = request.RunName;
        }

        return new TrainingResult
        {
            Failure = failure,
            Tasks = [.. outcomes.Select(o => o.Result)],
            Parameters = main?.Parameters ?? 0,
            TokensPerSecond = seconds > 0 ? tokens / seconds : 0,
            PeakMemoryBytes = PeakResidentBytes(),
            Duration = duration,
            Sandbox = _options.Sandbox,
            ProfileName = profile.Name,
            Seed = request.Seed,
            Device = device.ToString().ToLower(CultureInfo.InvariantCulture),
            AdditionalProperties = extra,
        };
    }

    private static long PeakResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
