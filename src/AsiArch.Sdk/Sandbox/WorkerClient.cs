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
/// With <see cref="SandboxOptions.KeepWorkerReady"/> the client starts the next worker (process, sandbox, libtorch
/// loaded, no candidate) while the current job runs and hands it the next job through standard input, so start-up
/// leaves the critical path. Every job still gets a process of its own. Dispose the client to stop the waiting worker.
/// </remarks>
public sealed partial class WorkerClient : ICandidateProber, IDisposable
{
    private readonly SandboxOptions _options;
    private readonly SandboxLauncher _launcher;
    private readonly ILogger _logger;
    private readonly Lazy<WorkerLocation> _location;
    private readonly Lock _waitingGate = new();
    private WaitingWorker? _waiting;
    private bool _disposed;

    /// <summary>Creates a client.</summary>
    public WorkerClient(SandboxOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new SandboxOptions();
        _launcher = new SandboxLauncher(_options, loggerFactory?.CreateLogger<SandboxLauncher>());
        _logger = (ILogger?)loggerFactory?.CreateLogger<WorkerClient>() ?? NullLogger.Instance;
        _location = new Lazy<WorkerLocation>(() => WorkerLocator.Locate(_options));
    }

    /// <summary>Process id and scratch directory of the worker waiting for the next job, or null (tests inspect and kill it).</summary>
    internal (int ProcessId, string Scratch)? WaitingWorkerInfo
    {
        get
        {
            lock (_waitingGate)
            {
                return _waiting is null ? null : (_waiting.Process.Id, _waiting.Scratch);
            }
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

    /// <summary>Stops the worker waiting for the next job, if any.</summary>
    public void Dispose()
    {
        WaitingWorker? waiting;
        lock (_waitingGate)
        {
            _disposed = true;
            waiting = _waiting;
            _waiting = null;
        }

        waiting?.Dispose();
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
            void OnLine(string line)
            {
                if (!line.StartsWith(WorkerMessage.Prefix, StringComparison.Ordinal))
                {
                    return;
                }

                WorkerMessage? message;
                try
                {
                    message = JsonSerializer.Deserialize<WorkerMessage>(line.AsSpan(WorkerMessage.Prefix.Length), WorkerJson.Options);
                }
                catch (JsonException)
                {
                    return;
                }

                if (message?.Type == "progress" && message.Progress is not null)
                {
                    lastProgress = message.Progress;
                    progress?.Report(message.Progress);
                }
                else if (message?.Type == "result")
                {
                    result = message;
                }
            }

            process = waiting is null ? null : HandOff(waiting, jobPath, OnLine);
            LogJobStarted(job.Kind, process is not null);
            if (process is null)
            {
                process = _launcher.Start(WorkerCommand(location, scratch, [.. location.Arguments, jobPath], job.BenchmarkAssemblies, OnLine));
                process.CloseInput();
            }

            StartWaitingWorker(location);
            var run = await process.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The waiting worker, if one is kept and still alive; the caller owns it from here.</summary>
    private WaitingWorker? TakeWaitingWorker()
    {
        WaitingWorker? waiting;
        lock (_waitingGate)
        {
            waiting = _waiting;
            _waiting = null;
        }

        if (waiting is not null && waiting.Process.HasExited)
        {
            // It died while waiting (killed from outside, or torch failed to load): the job starts a fresh one instead.
            LogWaitingWorkerLost();
            waiting.Dispose();
            return null;
        }

        return waiting;
    }

    /// <summary>Gives the job to the waiting worker; null when its input pipe is already broken.</summary>
    private SandboxProcess? HandOff(WaitingWorker waiting, string jobPath, Action<string> onOutputLine)
    {
        waiting.Process.OnOutputLine = onOutputLine;
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

    /// <summary>Starts the worker for the next job (when configured and none is waiting); failures surface on the next cold start.</summary>
    private void StartWaitingWorker(WorkerLocation location)
    {
        if (!_options.KeepWorkerReady)
        {
            return;
        }

        lock (_waitingGate)
        {
            if (_disposed || _waiting is not null)
            {
                return;
            }

            var scratch = NewScratchDirectory();
            try
            {
                List<string> arguments = [.. location.Arguments, "--standby", "--cache", Path.Combine(scratch, "natives")];
                foreach (var directory in location.NativeLibraryDirectories)
                {
                    arguments.AddRange(["--natives", directory]);
                }

                var benchmarks = _options.BenchmarkAssemblies.Select(Path.GetFullPath).Where(File.Exists);
                _waiting = new WaitingWorker(_launcher.Start(WorkerCommand(location, scratch, arguments, benchmarks, null)), scratch);
            }
            catch (Exception ex) when (ex is SandboxUnavailableException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                LogWaitingWorkerFailed(ex.Message);
                TryDelete(scratch);
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
