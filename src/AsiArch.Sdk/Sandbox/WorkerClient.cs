using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// Runs one job in the sandboxed worker: writes the candidate bytes and the job into a private scratch directory,
/// starts <c>AsiArch.Sdk.Worker</c> through the <see cref="SandboxLauncher"/>, streams progress, reads the one result
/// line and turns a timeout, memory kill or crash into a typed failure. The scratch directory is always deleted.
/// </summary>
/// <remarks>
/// With <see cref="SandboxOptions.KeepWorkerReady"/> the client keeps workers started ahead (process, sandbox,
/// libtorch loaded, optionally warmed up on a library baseline, no candidate) and hands each job to one of them
/// through standard input, so start-up leaves the critical path. Every job still gets a process of its own. New
/// workers are started while a training runs, enough for the probe and the training of the next experiment, by
/// default at the lowest cgroup CPU weight (where the kernel lets this process create cgroups with the cpu
/// controller) until their job arrives: they only use CPU time the running job leaves idle. Dispose the client to
/// stop them.
/// </remarks>
public sealed partial class WorkerClient : ICandidateProber, IDisposable
{
    /// <summary>Workers kept after a training's hand-over: the next experiment's probe job and its training job.</summary>
    private const int ReadyWorkersForNextExperiment = 2;

    private readonly SandboxOptions _options;
    private readonly SandboxLauncher _launcher;
    private readonly ILogger _logger;
    private readonly Lazy<WorkerLocation> _location;
    private readonly Lock _waitingGate = new();
    private readonly Queue<WaitingWorker> _waiting = new();
    private bool _disposed;

    /// <summary>Creates a client.</summary>
    public WorkerClient(SandboxOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new SandboxOptions();
        _launcher = new SandboxLauncher(_options, loggerFactory?.CreateLogger<SandboxLauncher>());
        _logger = (ILogger?)loggerFactory?.CreateLogger<WorkerClient>() ?? NullLogger.Instance;
        _location = new Lazy<WorkerLocation>(() => WorkerLocator.Locate(_options));
    }

    /// <summary>Process id and scratch directory of each worker waiting for a job, next first (tests inspect and kill them).</summary>
    internal IReadOnlyList<(int ProcessId, string Scratch)> WaitingWorkers
    {
        get
        {
            lock (_waitingGate)
            {
                return [.. _waiting.Select(w => (w.Process.Id, w.Scratch))];
            }
        }
    }

    /// <summary>Completes when every worker now waiting has said it is ready (tests use it to hand over a job only then).</summary>
    internal Task WaitingWorkersReadyAsync()
    {
        lock (_waitingGate)
        {
            return Task.WhenAll(_waiting.Select(w => w.Ready));
        }
    }

    /// <summary>The isolation the worker gets on this machine.</summary>
    public SandboxLevel Level => _launcher.Level;

    /// <inheritdoc />
    public Task<WorkerOutcome> ProbeAsync(CandidateArtifact artifact, TrainingProfile profile, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(profile);
        return RunAsync(
            new WorkerJob
            {
                Kind = WorkerJob.ProbeKind,
                AssemblyPath = "candidate.dll",
                PdbPath = artifact.Pdb is null ? null : "candidate.pdb",
                TypeName = artifact.TypeName,
                Profile = profile,
                Seed = seed,
                Threads = _options.Threads,
                ComplexityThreshold = _options.ComplexityThreshold,
                MeasureComplexity = _options.MeasureComplexity,
            },
            artifact,
            _options.ProbeTimeout,
            null,
            cancellationToken);
    }

    /// <summary>Trains <paramref name="request"/>'s candidate in the worker.</summary>
    public Task<WorkerOutcome> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var artifact = request.Candidate;
        return RunAsync(
            new WorkerJob
            {
                Kind = WorkerJob.TrainKind,
                AssemblyPath = "candidate.dll",
                PdbPath = artifact.Pdb is null ? null : "candidate.pdb",
                TypeName = artifact.TypeName,
                Profile = request.Profile,
                Seed = request.Seed,
                Threads = request.Threads ?? _options.Threads,
                Device = request.Device,
                RunName = request.RunName,
                BenchmarkAssemblies = BenchmarkAssemblyPaths(),
            },
            artifact,
            request.Profile.TrainingTimeout,
            progress,
            cancellationToken);
    }

    /// <summary>Stops the workers waiting for a job.</summary>
    public void Dispose()
    {
        List<WaitingWorker> waiting;
        lock (_waitingGate)
        {
            _disposed = true;
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var worker in waiting)
        {
            worker.Dispose();
        }
    }

    internal async Task<WorkerOutcome> RunAsync(
        WorkerJob job,
        CandidateArtifact artifact,
        TimeSpan timeout,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var location = _location.Value;
        var waiting = TakeWaitingWorker();
        var scratch = waiting?.Scratch ?? NewScratchDirectory();
        SandboxProcess? process = null;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(scratch, "candidate.dll"), artifact.Assembly, cancellationToken).ConfigureAwait(false);
            if (artifact.Pdb is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(scratch, "candidate.pdb"), artifact.Pdb, cancellationToken).ConfigureAwait(false);
            }

            job = job with { CacheDirectory = Path.Combine(scratch, "natives"), NativeLibraryDirectories = location.NativeLibraryDirectories };
            var jobPath = Path.Combine(scratch, "job.json");
            await File.WriteAllTextAsync(jobPath, JsonSerializer.Serialize(job, WorkerJson.Options), cancellationToken).ConfigureAwait(false);

            WorkerMessage? result = null;
            TrainingProgress? lastProgress = null;
            var resultReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnLine(string line)
            {
                var message = WorkerMessage.TryParse(line);
                if (message?.Type == "progress" && message.Progress is not null)
                {
                    lastProgress = message.Progress;
                    progress?.Report(message.Progress);
                }
                else if (message?.Type == "result")
                {
                    result = message;
                    resultReceived.TrySetResult();
                }
            }

            process = waiting is null ? null : HandOff(waiting, jobPath, OnLine);
            LogJobStarted(job.Kind, process is not null);
            if (process is null)
            {
                process = _launcher.Start(WorkerCommand(location, scratch, [.. location.Arguments, jobPath], job.BenchmarkAssemblies, OnLine));
                process.CloseInput();
            }

            StartWaitingWorkers(location, job.Kind == WorkerJob.TrainKind ? ReadyWorkersForNextExperiment : 1);
            var run = await process.WaitAsync(timeout, cancellationToken, resultReceived.Task).ConfigureAwait(false);
            LogRun(job.Kind, run.ExitCode, run.Duration.TotalMilliseconds, result is not null);
            if (result is not null && !run.TimedOut && !run.MemoryExceeded)
            {
                return new WorkerOutcome
                {
                    Probes = result.Probes,
                    Training = result.Training is null ? null : result.Training with { Sandbox = run.Level },
                    Failure = result.Failure,
                    Sandbox = run.Level,
                    PeakMemoryBytes = run.PeakMemoryBytes,
                    Duration = run.Duration,
                };
            }

            return new WorkerOutcome
            {
                Failure = Classify(run, timeout, lastProgress),
                Sandbox = run.Level,
                PeakMemoryBytes = run.PeakMemoryBytes,
                Duration = run.Duration,
            };
        }
        finally
        {
            process?.Dispose();
            if (waiting is not null && !ReferenceEquals(process, waiting.Process))
            {
                waiting.Process.Dispose();
            }

            TryDelete(scratch);
        }
    }

    /// <summary>The oldest waiting worker still alive, if any; the caller owns it from here.</summary>
    private WaitingWorker? TakeWaitingWorker()
    {
        while (true)
        {
            WaitingWorker? waiting;
            lock (_waitingGate)
            {
                if (!_waiting.TryDequeue(out waiting))
                {
                    return null;
                }
            }

            if (!waiting.Process.HasExited)
            {
                return waiting;
            }

            // It died while waiting (killed from outside, or torch failed to load): the next one, or a fresh start.
            LogWaitingWorkerLost();
            waiting.Dispose();
        }
    }

    /// <summary>Gives the job to the waiting worker; null when its input pipe is already broken.</summary>
    private SandboxProcess? HandOff(WaitingWorker waiting, string jobPath, Action<string> onOutputLine)
    {
        waiting.Process.OnOutputLine = onOutputLine;
        waiting.Process.SetBackground(false);
        try
        {
            waiting.Process.Send(jobPath);
            return waiting.Process;
        }
        catch (IOException)
        {
            LogWaitingWorkerLost();
            return null;
        }
    }

    private string NewScratchDirectory()
    {
        var root = _options.ScratchRoot ?? Path.GetTempPath();
        var scratch = Path.Combine(root, "asiarch-worker-" + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(scratch);
        return scratch;
    }

    private SandboxCommand WorkerCommand(
        WorkerLocation location, string scratch, IReadOnlyList<string> arguments, IEnumerable<string> benchmarkAssemblies, Action<string>? onOutputLine) => new()
    {
        FileName = location.DotnetHost,
        Arguments = arguments,
        ScratchDirectory = scratch,
        ReadOnlyPaths = [.. location.ReadOnlyPaths, .. benchmarkAssemblies.Select(p => Path.GetDirectoryName(p)!)],
        Timeout = _options.ProbeTimeout,
        OnOutputLine = onOutputLine,
    };

    /// <summary>
    /// Starts workers until <paramref name="count"/> wait (when configured); failures surface on the next cold start.
    /// </summary>
    private void StartWaitingWorkers(WorkerLocation location, int count)
    {
        if (!_options.KeepWorkerReady)
        {
            return;
        }

        lock (_waitingGate)
        {
            while (!_disposed && _waiting.Count < count)
            {
                var scratch = NewScratchDirectory();
                try
                {
                    List<string> arguments = [.. location.Arguments, "--standby", "--cache", Path.Combine(scratch, "natives")];
                    foreach (var directory in location.NativeLibraryDirectories)
                    {
                        arguments.AddRange(["--natives", directory]);
                    }

                    if (_options.WarmUpReadyWorkers)
                    {
                        arguments.Add("--warm-up");
                    }

                    var benchmarks = _options.BenchmarkAssemblies.Select(Path.GetFullPath).Where(File.Exists);
                    // In the background until its job arrives: its start-up only takes CPU time the running job leaves idle.
                    var command = WorkerCommand(location, scratch, arguments, benchmarks, null) with { Background = _options.ReadyWorkersInBackground };
                    _waiting.Enqueue(new WaitingWorker(_launcher.Start(command), scratch));
                }
                catch (Exception ex) when (ex is SandboxUnavailableException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    LogWaitingWorkerFailed(ex.Message);
                    TryDelete(scratch);
                    return;
                }
            }
        }
    }

    /// <summary>The configured benchmark assemblies as full paths; a missing one is a configuration error, not a candidate failure.</summary>
    private List<string> BenchmarkAssemblyPaths()
    {
        var paths = _options.BenchmarkAssemblies.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var missing = paths.FirstOrDefault(p => !File.Exists(p));
        return missing is null
            ? paths
            : throw new InvalidOperationException($"Benchmark assembly '{missing}' (SandboxOptions.BenchmarkAssemblies) does not exist.");
    }

    /// <summary>Turns a run without a result into a failure a model can act on.</summary>
    internal static ExperimentFailure Classify(SandboxRunResult run, TimeSpan timeout, TrainingProgress? lastProgress)
    {
        var tail = run.ErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .TakeLast(25)
            .ToList();
        var where = lastProgress is null ? "" : $" (last progress: {lastProgress.Stage} {lastProgress.Task} step {lastProgress.Step}/{lastProgress.TotalSteps})";
        if (run.TimedOut)
        {
            return new ExperimentFailure(
                FailureKind.Timeout,
                $"The candidate exceeded the wall-clock budget of {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and the worker was killed{where}. Look for unbounded loops or work that grows too fast with sequence length.",
                tail);
        }

        if (run.MemoryExceeded || run.ErrorTail.Contains("OutOfMemoryException", StringComparison.Ordinal)
            || run.ErrorTail.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase))
        {
            return new ExperimentFailure(
                FailureKind.OutOfMemory,
                $"The candidate exceeded the memory budget (peak {run.PeakMemoryBytes / (1024 * 1024)} MiB) and the worker was killed{where}. Avoid materialising [T, T] or larger intermediates per step and keeping tensors alive across calls.",
                tail);
        }

        const string NativeTorchError = "terminate called after throwing an instance of 'c10::Error'";
        if (run.ErrorTail.Contains(NativeTorchError, StringComparison.Ordinal))
        {
            // libtorch raised an error the managed layer could not catch (the process aborted): it is still the candidate's
            // runtime error, and what() says which op and shapes.
            var what = tail.FirstOrDefault(l => l.TrimStart().StartsWith("what():", StringComparison.Ordinal))?.Trim()["what():".Length..].Trim() ?? "unknown torch error";
            return new ExperimentFailure(
                FailureKind.RuntimeError,
                $"torch raised an error in the candidate's code: {what}{where}",
                tail.Where(l => !l.StartsWith("frame #", StringComparison.Ordinal)).ToList());
        }

        if (run.ErrorTail.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase))
        {
            return new ExperimentFailure(
                FailureKind.Crashed,
                $"The worker crashed with a stack overflow (exit code {run.ExitCode}){where}. Look for unbounded recursion.",
                tail);
        }

        var signal = run.ExitCode > 128 ? $", signal {run.ExitCode - 128}" : "";
        return new ExperimentFailure(
            FailureKind.Crashed,
            $"The worker process died without a result (exit code {run.ExitCode}{signal}){where}.",
            tail.Count > 0 ? tail : run.OutputTail.TakeLast(10).ToList());
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file still held by a dying process; the temp directory is cleaned by the OS.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {Kind} job started (on a waiting worker: {Waiting})")]
    private partial void LogJobStarted(string kind, bool waiting);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The waiting worker had exited; starting a fresh one")]
    private partial void LogWaitingWorkerLost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a worker ahead of the next job: {Message}")]
    private partial void LogWaitingWorkerFailed(string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {Kind} job exited with {ExitCode} after {Milliseconds} ms (result received: {HasResult})")]
    private partial void LogRun(string kind, int exitCode, double milliseconds, bool hasResult);
}
