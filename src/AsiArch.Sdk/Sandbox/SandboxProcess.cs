using System.Diagnostics;
using System.Text;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// A process started by <see cref="SandboxLauncher.Start"/>: it runs under its budgets' memory limit from the first
/// instruction, but its wall-clock budget only starts with <see cref="WaitAsync"/>, so a worker can be started ahead of
/// its job (<see cref="SandboxOptions.KeepWorkerReady"/>) and handed the job later through standard input.
/// </summary>
internal sealed class SandboxProcess : IDisposable
{
    private const int OutputTailLines = 200;
    private const int ErrorTailChars = 16_000;

    private readonly Process _process;
    private readonly CgroupLimits? _cgroup;
    private readonly long _memoryLimit;
    private readonly Queue<string> _outputTail = new();
    private readonly StringBuilder _errorTail = new();
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _watchdogStop = new();
    private readonly Task _watchdog;
    private volatile Action<string>? _onOutputLine;
    private volatile bool _watchdogTripped;
    private long _peak;
    private bool _inputClosed;
    private bool _disposed;

    internal SandboxProcess(Process process, CgroupLimits? cgroup, long memoryLimit, SandboxLevel level, Action<string>? onOutputLine)
    {
        _process = process;
        _cgroup = cgroup;
        _memoryLimit = memoryLimit;
        _onOutputLine = onOutputLine;
        Level = level;
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnError(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _watchdog = Task.Run(WatchMemoryAsync, CancellationToken.None);
    }

    /// <summary>How the process is isolated.</summary>
    public SandboxLevel Level { get; }

    /// <summary>Peak memory of the process tree the supervisor has seen so far, in bytes.</summary>
    public long PeakMemoryBytes => Interlocked.Read(ref _peak);

    /// <summary>Whether the memory budget has been exceeded so far (cgroup limit hit or the supervisor's watchdog).</summary>
    public bool MemoryExceeded => _watchdogTripped || (_cgroup?.HitMemoryLimit() ?? false);

    /// <summary>Process id (of the outermost process: setsid, the cgroup shell or bubblewrap exec in place).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Receives every standard-output line from now on (replaces the previous receiver).</summary>
    public Action<string>? OnOutputLine
    {
        get => _onOutputLine;
        set => _onOutputLine = value;
    }

    /// <summary>Whether <see cref="SetBackground"/> can change this process's CPU weight (a cgroup CPU controller is in use).</summary>
    public bool ControlsCpu => _cgroup?.ControlsCpu ?? false;

    /// <summary>The tree's current cgroup CPU weight (v1 shares or v2 weight) as the kernel reports it; null without a CPU controller.</summary>
    public string? CpuWeight => _cgroup?.CpuWeight();

    /// <summary>Lowest CPU weight (only idle CPU time) or the normal one, for the whole process tree; no-op without a CPU controller.</summary>
    public void SetBackground(bool background) => _cgroup?.SetBackground(background);

    /// <summary>Writes <paramref name="line"/> to standard input, then closes it unless more is to follow.</summary>
    /// <exception cref="IOException">The process has already exited.</exception>
    public void Send(string line, bool closeInput = true)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
        if (closeInput)
        {
            CloseInput();
        }
    }

    /// <summary>Closes standard input (the process reads end of file).</summary>
    public void CloseInput()
    {
        if (_inputClosed)
        {
            return;
        }

        _inputClosed = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone: the pipe is broken, nothing to close.
        }
    }

    /// <summary>Waits for the process to exit, killing the tree after <paramref name="timeout"/> (counted from this call).</summary>
    /// <param name="timeout">Wall-clock budget from this call.</param>
    /// <param name="cancellationToken">Kills the tree and throws.</param>
    /// <param name="finished">
    /// Completes when the process has delivered everything the caller needs (the worker's result line); the tree is
    /// then killed instead of waiting for its exit, which for a .NET process with libtorch loaded takes a noticeable
    /// fraction of a second (runtime shutdown, native destructors) and would sit on the caller's critical path.
    /// </param>
    /// <param name="keepRunning">
    /// When <paramref name="finished"/> completes first, leave the process running (it waits for more work on standard
    /// input) and return at once with <see cref="SandboxRunResult.KeptRunning"/>; its memory watch goes on, and a later
    /// call waits for its next result with a budget of its own.
    /// </param>
    /// <exception cref="OperationCanceledException">Cancelled; the process tree has been killed.</exception>
    public async Task<SandboxRunResult> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken, Task? finished = null, bool keepRunning = false)
    {
        var started = Stopwatch.GetTimestamp();
        var timedOut = false;
        var stoppedAfterResult = false;
        try
        {
            var exited = _process.WaitForExitAsync(cancellationToken);
            var done = finished is null ? exited : await Task.WhenAny(exited, finished).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(done, exited))
            {
                await exited.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            else if (!HasExited)
            {
                if (keepRunning)
                {
                    return new SandboxRunResult
                    {
                        Level = Level,
                        PeakMemoryBytes = Interlocked.Read(ref _peak),
                        Duration = Stopwatch.GetElapsedTime(started),
                        KeptRunning = true,
                    };
                }

                stoppedAfterResult = true;
                Kill();
            }
        }
        catch (TimeoutException)
        {
            timedOut = true;
            Kill();
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _watchdogStop.CancelAsync().ConfigureAwait(false);
            throw;
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _cgroup?.KillAll();
        await _watchdogStop.CancelAsync().ConfigureAwait(false);
        await _watchdog.ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_outputDone.Task, _errorDone.Task), Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);

        var memoryExceeded = MemoryExceeded;
        lock (_outputTail)
        {
            lock (_errorTail)
            {
                var error = _errorTail.ToString();
                return new SandboxRunResult
                {
                    ExitCode = _process.ExitCode,
                    TimedOut = timedOut,
                    MemoryExceeded = memoryExceeded,
                    OutputTail = _outputTail.ToList(),
                    ErrorTail = error.Length > ErrorTailChars ? error[^ErrorTailChars..] : error,
                    Level = Level,
                    PeakMemoryBytes = Interlocked.Read(ref _peak),
                    Duration = Stopwatch.GetElapsedTime(started),
                    StoppedAfterResult = stoppedAfterResult,
                };
            }
        }
    }

    /// <summary>Kills the whole tree (cgroup members included).</summary>
    public void Kill()
    {
        _cgroup?.KillAll();
        try
        {
            ProcessTree.KillTree(_process.Id);
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Kills the process if it still runs and releases the cgroup.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!HasExited)
        {
            Kill();
            _process.WaitForExit(2000);
        }

        _watchdogStop.Cancel();
        _watchdogStop.Dispose();
        _cgroup?.Dispose();
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _outputDone.TrySetResult();
            return;
        }

        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            if (_outputTail.Count > OutputTailLines)
            {
                _outputTail.Dequeue();
            }
        }

        _onOutputLine?.Invoke(line);
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            _errorDone.TrySetResult();
            return;
        }

        lock (_errorTail)
        {
            _errorTail.AppendLine(line);
            if (_errorTail.Length > ErrorTailChars * 2)
            {
                _errorTail.Remove(0, _errorTail.Length - ErrorTailChars);
            }
        }
    }

    private async Task WatchMemoryAsync()
    {
        var token = _watchdogStop.Token;
        while (!token.IsCancellationRequested)
        {
            var rss = ProcessTree.ResidentBytes(_process.Id);
            if (rss > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, rss);
            }

            if (_cgroup is null && rss > _memoryLimit)
            {
                // No kernel limit here: the supervisor enforces the budget itself.
                _watchdogTripped = true;
                ProcessTree.KillTree(_process.Id);
                return;
            }

            try
            {
                await Task.Delay(100, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
