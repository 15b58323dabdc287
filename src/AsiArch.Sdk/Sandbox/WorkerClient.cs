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
/// through standard input, so start-up leaves the critical path. With <see cref="SandboxOptions.TrainInProbedWorker"/>
/// the worker that probed and accepted a candidate stays, the candidate loaded, and takes that candidate's training
/// job; otherwise every job gets a process of its own, and no process ever runs two candidates. New workers are
/// started ahead of their jobs (the next probe's at a probe's hand-over; without a probed worker's training, the next
/// experiment's two while a training runs), by default at the lowest cgroup CPU weight (where the kernel lets this
/// process create cgroups with the cpu controller) until their job arrives: they only use CPU time the running job
/// leaves idle. Dispose the client to stop them.
/// </remarks>
public sealed partial class WorkerClient : ICandidateProber, IDisposable
{
    /// <summary>
    /// Probed workers kept for their trainings at most (two training slots can probe ahead); the oldest goes first. It also
    /// bounds the memory held when the trainings go elsewhere and nobody said so (<see cref="TrainingsGoElsewhere"/>).
    /// </summary>
    private const int MaxProbedWorkers = 2;

    private readonly SandboxOptions _options;
    private readonly SandboxLauncher _launcher;
    private readonly ILogger _logger;
    private readonly Lazy<WorkerLocation> _location;
    private readonly Lock _waitingGate = new();
    private readonly Queue<WaitingWorker> _waiting = new();
    private readonly List<ProbedWorker> _probed = [];
    private readonly List<Task> _cleanups = [];
    private bool _disposed;
    private volatile bool _trainingsElsewhere;

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

    /// <summary>Process id of each probed worker kept for its candidate's training, oldest first (tests inspect them).</summary>
    internal IReadOnlyList<int> ProbedWorkers
    {
        get
        {
            lock (_waitingGate)
            {
                return [.. _probed.Select(w => w.Process.Id)];
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

    /// <summary>Completes when the workers that delivered their results have exited and their scratch directories are gone.</summary>
    internal Task CleanupsDoneAsync()
    {
        lock (_waitingGate)
        {
            return Task.WhenAll(_cleanups);
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
                StayForTraining = TrainsInProbedWorker,
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

    /// <summary>
    /// Stops the workers waiting for a job, and the probed workers waiting for a training; waits (a few seconds at most)
    /// for the workers that delivered their results to be gone.
    /// </summary>
    public void Dispose()
    {
        List<IDisposable> workers;
        Task[] cleanups;
        lock (_waitingGate)
        {
            _disposed = true;
            workers = [.. _waiting, .. _probed];
            _waiting.Clear();
            _probed.Clear();
            cleanups = [.. _cleanups];
        }

        foreach (var worker in workers)
        {
            worker.Dispose();
        }

        Task.WaitAll(cleanups, TimeSpan.FromSeconds(10));
    }

    /// <summary>Whether an accepted candidate's worker stays for its training (<see cref="SandboxOptions.TrainInProbedWorker"/>).</summary>
    internal bool TrainsInProbedWorker => _options.KeepWorkerReady && _options.TrainInProbedWorker && !_trainingsElsewhere;

    /// <summary>
    /// Says that the trainings of the candidates this client probes go to another trainer: probed workers would only wait,
    /// holding their memory, so none stays (the engineer calls it when its trainer is not a <see cref="SandboxedTrainer"/>
    /// over this client).
    /// </summary>
    internal void TrainingsGoElsewhere() => _trainingsElsewhere = true;

    internal async Task<WorkerOutcome> RunAsync(
        WorkerJob job,
        CandidateArtifact artifact,
        TimeSpan timeout,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var location = _location.Value;
        var probed = job.Kind == WorkerJob.TrainKind ? TakeProbedWorker(artifact) : null;
        var waiting = probed is null ? TakeWaitingWorker() : null;
        var scratch = probed?.Scratch ?? waiting?.Scratch ?? NewScratchDirectory();
        SandboxProcess? process = null;
        var kept = false;
        var detached = false;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(scratch, "candidate.dll"), artifact.Assembly, cancellationToken).ConfigureAwait(false);
            if (artifact.Pdb is not null)
            {
                await File.WriteAllBytesAsync(Path.Combine(scratch, "candidate.pdb"), artifact.Pdb, cancellationToken).ConfigureAwait(false);
            }

            job = job with { CacheDirectory = Path.Combine(scratch, "natives"), NativeLibraryDirectories = location.NativeLibraryDirectories };
            // Named by kind: a probed worker's directory still holds its probe job when the training job is written.
            var jobPath = Path.Combine(scratch, job.Kind + ".json");
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

            // A probe that stays for training keeps its input open for the training job's path.
            var closeInput = !job.StayForTraining;
            process = probed is not null ? HandOff(probed.Process, jobPath, OnLine, closeInput: true)
                : waiting is not null ? HandOff(waiting.Process, jobPath, OnLine, closeInput)
                : null;
            LogJobStarted(job.Kind, probed is not null ? "probed" : waiting is not null ? "waiting" : "new");
            if (process is null)
            {
                process = _launcher.Start(WorkerCommand(location, scratch, [.. location.Arguments, jobPath], OnLine));
                if (closeInput)
                {
                    process.CloseInput();
                }
            }

            StartWaitingWorkers(location, ReadyWorkersWanted(job));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var exit = process.WaitAsync(timeout, cancellationToken, resultReceived.Task, keepRunning: job.StayForTraining);
            if (!job.StayForTraining
                && await Task.WhenAny(exit, resultReceived.Task).ConfigureAwait(false) == resultReceived.Task
                && !process.MemoryExceeded)
            {
                // The result is in hand. The worker's kill and exit (tearing down an address space with libtorch in it
                // takes 0.1-0.2 s) and the scratch directory's removal go on in the background, off the critical path.
                detached = true;
                ReapInBackground(job.Kind, exit, process, probed?.Process ?? waiting?.Process, scratch);
                return Delivered(result!, process.Level, process.PeakMemoryBytes, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            var run = await exit.ConfigureAwait(false);
            LogRun(job.Kind, run.ExitCode, run.Duration.TotalMilliseconds, result is not null);
            if (run.KeptRunning)
            {
                // The worker keeps an accepted candidate for its training; after a rejection it exits on its own.
                kept = result!.Failure is null && KeepProbedWorker(new ProbedWorker(process, scratch, artifact));
                if (!kept)
                {
                    // The next probe (a repaired candidate, usually) needs a worker this one will not be.
                    StartWaitingWorkers(location, 1);
                }
            }

            if (result is not null && !run.TimedOut && !run.MemoryExceeded)
            {
                return Delivered(result, run.Level, run.PeakMemoryBytes, run.Duration);
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
            if (!kept && !detached)
            {
                Release(process, probed?.Process ?? waiting?.Process, scratch);
            }
        }
    }

    /// <summary>
    /// Lets a worker that delivered its result finish dying (it was killed by <paramref name="exit"/>'s wait), then
    /// disposes it and deletes its scratch directory; <see cref="Dispose"/> waits for this.
    /// </summary>
    private void ReapInBackground(string kind, Task<SandboxRunResult> exit, SandboxProcess process, SandboxProcess? handedOver, string scratch)
    {
        var cleanup = Task.Run(async () =>
        {
            try
            {
                var run = await exit.ConfigureAwait(false);
                LogRun(kind, run.ExitCode, run.Duration.TotalMilliseconds, true);
            }
            catch (OperationCanceledException)
            {
                // Cancelled after the result arrived: the wait killed the tree; only the clean-up is left.
            }
            catch (Exception ex)
            {
                // The result was delivered; a failure while waiting for the exit only leaves the clean-up below.
                LogReapFailed(ex.Message);
            }
            finally
            {
                Release(process, handedOver, scratch);
            }
        });
        lock (_waitingGate)
        {
            _cleanups.Add(cleanup);
        }

        cleanup.ContinueWith(
            done =>
            {
                lock (_waitingGate)
                {
                    _cleanups.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The outcome of a job whose worker delivered its result.</summary>
    private static WorkerOutcome Delivered(WorkerMessage result, SandboxLevel level, long peakMemoryBytes, TimeSpan duration) => new()
    {
        Probes = result.Probes,
        Training = result.Training is null ? null : result.Training with { Sandbox = level },
        Failure = result.Failure,
        Sandbox = level,
        PeakMemoryBytes = peakMemoryBytes,
        Duration = duration,
    };

    /// <summary>
    /// Kills and releases the job's process, and the worker it was handed to when that hand-off failed and a fresh one ran
    /// the job instead, then deletes the scratch directory.
    /// </summary>
    private static void Release(SandboxProcess? process, SandboxProcess? handedOver, string scratch)
    {
        process?.Dispose();
        if (handedOver is not null && !ReferenceEquals(process, handedOver))
        {
            handedOver.Dispose();
        }

        ScratchDirectory.TryDelete(scratch);
    }

    /// <summary>
    /// Workers to have waiting once this job is under way: a training's hand-over prepares the next experiment (its probe,
    /// and its training unless the probed worker will train); a probe keeps one waiting (its training's worker, or, when
    /// it stays for the training, the next probe's, started now on the core the one-thread probes leave idle: back to
    /// back, a worker started at a training's hand-over gets no CPU until the training ends).
    /// </summary>
    private int ReadyWorkersWanted(WorkerJob job) => job.Kind == WorkerJob.TrainKind
        ? TrainsInProbedWorker ? 1 : 2
        : 1;

    /// <summary>Keeps a probed worker for its candidate's training (the oldest goes beyond the cap); false once disposed.</summary>
    private bool KeepProbedWorker(ProbedWorker worker)
    {
        ProbedWorker? evicted = null;
        lock (_waitingGate)
        {
            if (_disposed)
            {
                return false;
            }

            _probed.Add(worker);
            if (_probed.Count > MaxProbedWorkers)
            {
                evicted = _probed[0];
                _probed.RemoveAt(0);
            }
        }

        evicted?.Dispose();
        return true;
    }

    /// <summary>The live probed worker holding exactly <paramref name="artifact"/>, if any; the caller owns it from here.</summary>
    private ProbedWorker? TakeProbedWorker(CandidateArtifact artifact)
    {
        ProbedWorker? match;
        lock (_waitingGate)
        {
            match = _probed.FirstOrDefault(w => w.Holds(artifact));
            if (match is null)
            {
                return null;
            }

            _probed.Remove(match);
        }

        if (!match.Process.HasExited)
        {
            return match;
        }

        LogWaitingWorkerLost();
        match.Dispose();
        return null;
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

    /// <summary>Gives the job to a worker started earlier; null when its input pipe is already broken.</summary>
    private SandboxProcess? HandOff(SandboxProcess worker, string jobPath, Action<string> onOutputLine, bool closeInput)
    {
        worker.OnOutputLine = onOutputLine;
        worker.SetBackground(false);
        try
        {
            worker.Send(jobPath, closeInput);
            return worker;
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

    /// <remarks>
    /// The configured benchmark assemblies are visible to every worker, since any worker may go on to train (a missing one
    /// is reported by the training job).
    /// </remarks>
    private SandboxCommand WorkerCommand(WorkerLocation location, string scratch, IReadOnlyList<string> arguments, Action<string>? onOutputLine) => new()
    {
        FileName = location.DotnetHost,
        Arguments = arguments,
        ScratchDirectory = scratch,
        ReadOnlyPaths = [.. location.ReadOnlyPaths, .. _options.BenchmarkAssemblies.Select(Path.GetFullPath).Where(File.Exists).Select(p => Path.GetDirectoryName(p)!)],
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

                    var heap = Math.Min(_options.ReadyWorkerHeapBytes, _options.MemoryLimitBytes / 4);
                    if (heap > 0)
                    {
                        arguments.AddRange(["--reserve-heap", heap.ToString(CultureInfo.InvariantCulture)]);
                    }

                    if (_options.WarmUpReadyWorkers)
                    {
                        arguments.Add("--warm-up");
                    }

                    // In the background until its job arrives: its start-up only takes CPU time the running job leaves idle.
                    var command = WorkerCommand(location, scratch, arguments, null) with { Background = _options.ReadyWorkersInBackground };
                    _waiting.Enqueue(new WaitingWorker(_launcher.Start(command), scratch));
                }
                catch (Exception ex) when (ex is SandboxUnavailableException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    LogWaitingWorkerFailed(ex.Message);
                    ScratchDirectory.TryDelete(scratch);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {Kind} job started (worker: {Worker})")]
    private partial void LogJobStarted(string kind, string worker);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The waiting worker had exited; starting a fresh one")]
    private partial void LogWaitingWorkerLost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start a worker ahead of the next job: {Message}")]
    private partial void LogWaitingWorkerFailed(string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for a worker that had delivered its result to exit failed: {Message}")]
    private partial void LogReapFailed(string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {Kind} job exited with {ExitCode} after {Milliseconds} ms (result received: {HasResult})")]
    private partial void LogRun(string kind, int exitCode, double milliseconds, bool hasResult);
}
