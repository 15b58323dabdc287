using System.Diagnostics;
using System.Text.Json;
using AsiArch.Sdk.Sandbox;
using AsiArch.Sdk.Slurm.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Slurm;

/// <summary>
/// An <see cref="ITrainer"/> that trains every candidate as a Slurm batch job running the sandboxed worker
/// (<c>AsiArch.Sdk.Worker</c>): the compiled candidate and the worker's job file go to
/// <see cref="SlurmOptions.SharedDirectory"/>, requests that arrive together are submitted as one job array with the
/// configured GPUs, time, memory and CPUs, states are polled, the worker's JSON result is read back, and Slurm outcomes
/// become typed failures (time limit: <see cref="FailureKind.Timeout"/>, memory: <see cref="FailureKind.OutOfMemory"/>,
/// node failure: <see cref="FailureKind.Crashed"/>). Requeued and preempted jobs are waited for (or resubmitted), and
/// cancelling a training or disposing the trainer cancels its jobs with <c>scancel</c>.
/// </summary>
/// <remarks>
/// The untrusted candidate runs only inside the job: this process writes its bytes and never loads them. <c>sbatch</c>
/// runs with an allow-listed environment only, which the job inherits, so credentials of the loop never reach it.
/// </remarks>
public sealed partial class SlurmTrainer : ITrainer, IAsyncDisposable, IDisposable
{
    private const int MissingPollsBeforeLost = 3;

    private readonly SlurmOptions _options;
    private readonly SlurmCommands _commands;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lazy<IReadOnlyList<string>> _workerCommand;
    private readonly object _gate = new();
    private readonly List<SlurmTask> _pending = [];
    private readonly Dictionary<string, SlurmTask> _active = new(StringComparer.Ordinal);
    private readonly List<Task> _background = [];
    private readonly CancellationTokenSource _shutdown = new();
    private bool _flushScheduled;
    private bool _polling;
    private bool _disposed;

    /// <summary>Creates a trainer.</summary>
    /// <param name="options">Cluster settings; validated here.</param>
    /// <param name="loggerFactory">Logging, or null.</param>
    /// <param name="timeProvider">Clock for polling and batching; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public SlurmTrainer(SlurmOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _commands = new SlurmCommands(options);
        _logger = (ILogger?)loggerFactory?.CreateLogger<SlurmTrainer>() ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _workerCommand = new Lazy<IReadOnlyList<string>>(ResolveWorkerCommand);
    }

    /// <summary>True when the Slurm client commands (<c>sbatch</c>, <c>squeue</c>) are on <c>PATH</c> (or in <paramref name="binDirectory"/>).</summary>
    public static bool IsSlurmAvailable(string? binDirectory = null) => SlurmCommands.Available(binDirectory);

    /// <summary>Trainings submitted and not finished yet.</summary>
    public int ActiveJobs
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="SlurmException">Slurm refused the job (e.g. an unknown partition); the message quotes it.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the job was cancelled with <c>scancel</c>.</exception>
    public async Task<TrainingResult> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = await TrainCoreAsync([request], progress, submitNow: false, cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Trains <paramref name="requests"/> as one job array (split by time limit and <see cref="SlurmOptions.MaxArraySize"/>)
    /// and returns their results in request order.
    /// </summary>
    /// <exception cref="SlurmException">Slurm refused the array.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every job of the array was cancelled.</exception>
    public Task<IReadOnlyList<TrainingResult>> TrainBatchAsync(IReadOnlyList<TrainingRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return requests.Count == 0
            ? Task.FromResult<IReadOnlyList<TrainingResult>>([])
            : TrainCoreAsync(requests, null, submitNow: true, cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : serviceKey is null && serviceType == typeof(SlurmOptions) ? _options
        : null;

    /// <summary>Cancels every job still queued or running and stops polling (blocks on <c>scancel</c>).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Cancels every job still queued or running and stops polling.</summary>
    public async ValueTask DisposeAsync()
    {
        List<SlurmTask> open;
        Task[] background;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _pending, .. _active.Values];
            _pending.Clear();
            _active.Clear();
            background = [.. _background];
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        var ids = open.Where(t => t.JobId is not null).Select(t => t.JobId!).ToList();
        if (ids.Count > 0)
        {
            LogCancelling(ids.Count, "the trainer was disposed");
            await _commands.CancelAsync(ids, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var task in open)
        {
            task.Completion.TrySetException(new ObjectDisposedException(nameof(SlurmTrainer), "The Slurm trainer was disposed; its jobs were cancelled."));
        }

        try
        {
            await Task.WhenAll(background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Polling stopped.
        }

        _shutdown.Dispose();
    }

    private async Task<IReadOnlyList<TrainingResult>> TrainCoreAsync(
        IReadOnlyList<TrainingRequest> requests,
        IProgress<TrainingProgress>? progress,
        bool submitNow,
        CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            ArgumentNullException.ThrowIfNull(request, nameof(requests));
            request.Profile.Validate();
            if (request.Candidate.Assembly.Length == 0)
            {
                throw new ArgumentException("The candidate has no assembly bytes to train.", nameof(requests));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        _ = _workerCommand.Value; // a missing worker is a configuration error: report it here, not from a job.
        var now = _time.GetTimestamp();
        var tasks = requests.Select(r => new SlurmTask(r, progress, TimeLimitFor(r), now)).ToList();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending.AddRange(tasks);
            if (submitNow || _options.BatchWindow == TimeSpan.Zero)
            {
                Track(FlushAsync(TimeSpan.Zero));
            }
            else if (!_flushScheduled)
            {
                _flushScheduled = true;
                Track(FlushAsync(_options.BatchWindow));
            }
        }

        using var registration = cancellationToken.Register(() => Cancel(tasks, cancellationToken));
        var results = new TrainingResult[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            results[i] = await tasks[i].Completion.Task.ConfigureAwait(false);
        }

        return results;
    }

    private TimeSpan TimeLimitFor(TrainingRequest request) =>
        _options.TimeLimit ?? request.Profile.TrainingTimeout + _options.StartupAllowance;

    private void Track(Task task)
    {
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }

    private void Cancel(IReadOnlyList<SlurmTask> tasks, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                if (task.Completion.Task.IsCompleted)
                {
                    continue;
                }

                task.CancelRequested = true;
                _pending.Remove(task);
                if (task.JobId is not null && _active.Remove(task.JobId))
                {
                    ids.Add(task.JobId);
                    FinishFiles(task);
                }

                task.Completion.TrySetCanceled(cancellationToken);
            }
        }

        if (ids.Count > 0)
        {
            LogCancelling(ids.Count, "the training was cancelled");
            Track(CancelJobsAsync(ids));
        }
    }

    private async Task CancelJobsAsync(IReadOnlyCollection<string> ids)
    {
        var result = await _commands.CancelAsync(ids, CancellationToken.None).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            LogCancelFailed(string.Join(' ', ids), result.Error.Trim());
        }
    }

    private async Task FlushAsync(TimeSpan window)
    {
        if (window > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(window, _time, _shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        List<SlurmTask> batch;
        lock (_gate)
        {
            if (window > TimeSpan.Zero)
            {
                _flushScheduled = false;
            }

            batch = [.. _pending];
            _pending.Clear();
        }

        foreach (var group in batch.GroupBy(t => BatchScript.TimeLimitMinutes(t.TimeLimit)))
        {
            foreach (var chunk in group.Chunk(_options.MaxArraySize))
            {
                await SubmitAsync(chunk).ConfigureAwait(false);
            }
        }
    }

    private async Task SubmitAsync(IReadOnlyList<SlurmTask> tasks)
    {
        var batchId = _time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..10];
        var directory = Path.Combine(Path.GetFullPath(_options.SharedDirectory), "jobs", batchId);
        try
        {
            Directory.CreateDirectory(directory);
            var natives = Path.Combine(Path.GetFullPath(_options.SharedDirectory), "natives");
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                var files = new TaskFiles(Path.Combine(directory, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await WriteJobAsync(task.Request, files, natives).ConfigureAwait(false);
                task.Files = files;
                task.Index = i;
            }

            var script = BatchScript.Render(
                _options,
                directory,
                $"0-{tasks.Count - 1}",
                tasks[0].TimeLimit,
                tasks[0].Request.Threads ?? _options.Threads ?? _options.CpusPerTask,
                _workerCommand.Value,
                Environment.GetEnvironmentVariables());
            var scriptPath = Path.Combine(directory, "batch.sh");
            await File.WriteAllTextAsync(scriptPath, script).ConfigureAwait(false);
            var batch = new SlurmBatch(directory, scriptPath, tasks.Count);
            var arrayId = await SubmitScriptAsync(scriptPath, null).ConfigureAwait(false);
            LogSubmitted(arrayId, tasks.Count, directory);
            Activate(tasks, batch, arrayId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!_options.KeepJobDirectories)
            {
                new TaskFiles(directory).Delete();
            }

            foreach (var task in tasks)
            {
                task.Completion.TrySetException(ex);
            }
        }
    }

    private void Activate(IReadOnlyList<SlurmTask> tasks, SlurmBatch batch, string arrayId)
    {
        var cancel = new List<string>();
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                task.Batch = batch;
                task.ArrayJobId = arrayId;
                task.JobId = $"{arrayId}_{task.Index}";
                task.MissingPolls = 0;
                if (_disposed || task.CancelRequested || task.Completion.Task.IsCompleted)
                {
                    cancel.Add(task.JobId);
                    task.Completion.TrySetCanceled();
                    FinishFiles(task);
                    continue;
                }

                _active[task.JobId] = task;
            }

            if (!_polling && _active.Count > 0 && !_disposed)
            {
                _polling = true;
                Track(PollAsync());
            }
        }

        if (cancel.Count > 0)
        {
            LogCancelling(cancel.Count, "the training was cancelled while it was submitted");
            Track(CancelJobsAsync(cancel));
        }
    }

    private static async Task WriteJobAsync(TrainingRequest request, TaskFiles files, string nativeCache)
    {
        Directory.CreateDirectory(files.Directory);
        var artifact = request.Candidate;
        await File.WriteAllBytesAsync(Path.Combine(files.Directory, "candidate.dll"), artifact.Assembly).ConfigureAwait(false);
        if (artifact.Pdb is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(files.Directory, "candidate.pdb"), artifact.Pdb).ConfigureAwait(false);
        }

        var job = new WorkerJob
        {
            Kind = WorkerJob.TrainKind,
            AssemblyPath = "candidate.dll",
            PdbPath = artifact.Pdb is null ? null : "candidate.pdb",
            TypeName = artifact.TypeName,
            Profile = request.Profile,
            Seed = request.Seed,
            Threads = request.Threads,
            Device = request.Device,
            RunName = request.RunName,
            CacheDirectory = nativeCache,
        };
        await File.WriteAllTextAsync(files.JobFile, JsonSerializer.Serialize(job, WorkerJson.Options)).ConfigureAwait(false);
    }

    /// <summary>Runs sbatch, retrying while the controller is unreachable (restarting) up to the outage tolerance.</summary>
    private async Task<string> SubmitScriptAsync(string scriptPath, string? arrayOverride)
    {
        var started = _time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var result = arrayOverride is null
                ? await _commands.SubmitAsync(scriptPath, _shutdown.Token).ConfigureAwait(false)
                : await _commands.SubmitAsync(scriptPath, arrayOverride, _shutdown.Token).ConfigureAwait(false);
            if (result.ExitCode == 0 && SlurmCommands.ParseJobId(result.Output) is { } id)
            {
                return id;
            }

            if (!result.ControllerUnreachable || _time.GetElapsedTime(started) > _options.ControllerOutageTolerance)
            {
                throw new SlurmException($"sbatch refused the training job (exit {result.ExitCode}): {(result.Error.Trim().Length > 0 ? result.Error.Trim() : result.Output.Trim())}");
            }

            LogControllerUnreachable("sbatch", result.Error.Trim());
            await Task.Delay(delay, _time, _shutdown.Token).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private async Task PollAsync()
    {
        long? unreachableSince = null;
        while (true)
        {
            try
            {
                await Task.Delay(_options.PollInterval, _time, _shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<SlurmTask> snapshot;
            lock (_gate)
            {
                snapshot = [.. _active.Values];
                if (snapshot.Count == 0 || _disposed)
                {
                    _polling = false;
                    return;
                }
            }

            List<SlurmJobStatus>? statuses;
            try
            {
                statuses = await _commands.QueryAsync(snapshot.Select(t => t.ArrayJobId!).Distinct(StringComparer.Ordinal).ToList(), _shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SlurmException ex)
            {
                LogPollFailed(ex.Message);
                statuses = null;
            }

            if (statuses is null)
            {
                unreachableSince ??= _time.GetTimestamp();
                if (_time.GetElapsedTime(unreachableSince.Value) > _options.ControllerOutageTolerance)
                {
                    foreach (var task in snapshot)
                    {
                        Complete(task, new TrainingResult
                        {
                            Failure = new ExperimentFailure(FailureKind.Crashed, $"The Slurm controller was unreachable for longer than {_options.ControllerOutageTolerance}; job {task.JobId} was abandoned."),
                            Sandbox = SandboxLevel.ProcessOnly,
                            ProfileName = task.Request.Profile.Name,
                            Seed = task.Request.Seed,
                        });
                    }
                }

                continue;
            }

            unreachableSince = null;
            var byId = new Dictionary<string, SlurmJobStatus>(StringComparer.Ordinal);
            foreach (var status in statuses)
            {
                // A task listed on its own wins over the pending array record that also covers it.
                if (!byId.TryGetValue(status.TaskId, out var seen) || SlurmStates.Normalize(seen.State) == "PENDING")
                {
                    byId[status.TaskId] = status;
                }
            }

            foreach (var task in snapshot)
            {
                var status = byId.GetValueOrDefault(task.JobId!);
                if (status?.Comment is { } comment && comment != BatchScript.CommentFor(task.Batch!.Directory))
                {
                    // Same id, another job: the controller lost ours (killed before saving its state) and reused the id.
                    status = null;
                }

                await UpdateAsync(task, status).ConfigureAwait(false);
            }
        }
    }

    private async Task UpdateAsync(SlurmTask task, SlurmJobStatus? status)
    {
        ReportProgress(task);
        if (status is null)
        {
            // The controller no longer lists the job: it finished more than MinJobAge ago, or it was lost.
            task.MissingPolls++;
            if (task.Files!.ExitCode is not null || task.MissingPolls >= MissingPollsBeforeLost)
            {
                Finish(task, OutcomeMapper.Unknown);
            }

            return;
        }

        task.MissingPolls = 0;
        if (status.State != task.LastState)
        {
            LogState(task.JobId!, status.State, status.Reason ?? "", status.Node ?? "");
            task.LastState = status.State;
        }

        if (!status.IsTerminal)
        {
            return;
        }

        if (status.State == SlurmStates.Preempted && task.Resubmits < _options.MaxResubmits)
        {
            await ResubmitAsync(task).ConfigureAwait(false);
            return;
        }

        Finish(task, status.State);
    }

    private async Task ResubmitAsync(SlurmTask task)
    {
        var old = task.JobId!;
        try
        {
            var arrayId = await SubmitScriptAsync(task.Batch!.ScriptPath, task.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            lock (_gate)
            {
                if (!_active.Remove(old))
                {
                    return; // cancelled meanwhile
                }

                task.Resubmits++;
                task.ArrayJobId = arrayId;
                task.JobId = $"{arrayId}_{task.Index}";
                task.LastState = null;
                _active[task.JobId] = task;
            }

            LogResubmitted(old, task.JobId);
        }
        catch (Exception ex) when (ex is SlurmException or IOException)
        {
            LogPollFailed(ex.Message);
            Finish(task, SlurmStates.Preempted);
        }
    }

    private void Finish(SlurmTask task, string state)
    {
        ReportProgress(task);
        var result = OutcomeMapper.Map(
            task.JobId!,
            state,
            task.Files!,
            task.Request,
            task.TimeLimit,
            _time.GetElapsedTime(task.CreatedTimestamp),
            task.Resubmits);
        Complete(task, result);
    }

    private void Complete(SlurmTask task, TrainingResult result)
    {
        lock (_gate)
        {
            if (!_active.Remove(task.JobId!))
            {
                return;
            }

            FinishFiles(task);
        }

        LogFinished(task.JobId!, task.LastState ?? "UNKNOWN", result.Failure?.Kind.ToString() ?? "Succeeded");
        task.Completion.TrySetResult(result);
    }

    private void FinishFiles(SlurmTask task)
    {
        if (_options.KeepJobDirectories || task.Files is null)
        {
            return;
        }

        task.Files.Delete();
        if (task.Batch?.FinishOne() == true)
        {
            new TaskFiles(task.Batch.Directory).Delete();
        }
    }

    private static void ReportProgress(SlurmTask task)
    {
        if (task.Progress is null || task.Files is null)
        {
            return;
        }

        var messages = TaskFiles.ReadMessages(task.Files.WorkerOutput, task.ProgressOffset, out var next);
        foreach (var message in messages)
        {
            if (message.Type == "progress" && message.Progress is not null)
            {
                task.Progress.Report(message.Progress);
            }
        }

        task.ProgressOffset = next;
    }

    private IReadOnlyList<string> ResolveWorkerCommand()
    {
        if (_options.WorkerCommand is { } command)
        {
            return [.. command];
        }

        var location = WorkerLocator.Locate(new SandboxOptions { WorkerPath = _options.WorkerPath, DotnetHostPath = _options.DotnetHostPath });
        return [location.DotnetHost, .. location.Arguments];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted Slurm job array {ArrayJobId} with {Count} training(s) from {Directory}")]
    private partial void LogSubmitted(string arrayJobId, int count, string directory);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slurm job {JobId} is {State} (reason {Reason}, node {Node})")]
    private partial void LogState(string jobId, string state, string reason, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slurm job {JobId} finished in state {State}: {Outcome}")]
    private partial void LogFinished(string jobId, string state, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slurm job {OldJobId} was preempted without a requeue; resubmitted as {NewJobId}")]
    private partial void LogResubmitted(string oldJobId, string newJobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelling {Count} Slurm job(s): {Why}")]
    private partial void LogCancelling(int count, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "scancel {JobIds} failed: {Error}")]
    private partial void LogCancelFailed(string jobIds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Slurm controller is unreachable ({Command}): {Error}; retrying")]
    private partial void LogControllerUnreachable(string command, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Slurm job states failed: {Error}")]
    private partial void LogPollFailed(string error);
}
