using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// Runs a process under the supervisor's budgets: scrubbed environment, private scratch directory, wall-clock timeout
/// with a whole-tree kill, memory and process limits (cgroups where the kernel allows, else a memory watchdog), and,
/// on Linux with bubblewrap, an OS sandbox (no network, read-only root, new session, dies with the parent).
/// </summary>
public sealed partial class SandboxLauncher
{
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a launcher.</summary>
    public SandboxLauncher(SandboxOptions? options = null, ILogger<SandboxLauncher>? logger = null)
    {
        _options = options ?? new SandboxOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// The C-heap settings every worker starts with (glibc reads them; other C libraries ignore them): one malloc arena
    /// that keeps what it frees, so tensors reuse memory already mapped, on any thread, instead of faulting fresh pages
    /// in on every call at a new largest size; and that heap on transparent huge pages where the kernel offers them
    /// (<c>madvise</c> mode; glibc 2.35 or later), so a worker faults in 2 MiB at a time: its start-up to ready took
    /// 0.68-0.82 s and 1.1-1.2 CPU-s against 0.94-1.14 s and 1.3-1.5 CPU-s (docs/benchmarks.md, Engineer, session 8).
    /// A process that times torch code to compare with the workers can run under the same settings.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WorkerHeapEnvironment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MALLOC_ARENA_MAX"] = "1",
        ["MALLOC_MMAP_THRESHOLD_"] = "1073741824",
        ["MALLOC_TRIM_THRESHOLD_"] = "1073741824",
        ["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1",
    };

    /// <summary>The isolation a run would get now: <see cref="SandboxLevel.OsSandbox"/> when bubblewrap works.</summary>
    public SandboxLevel Level => BubblewrapPath is null ? SandboxLevel.ProcessOnly : SandboxLevel.OsSandbox;

    private string? BubblewrapPath => _options.UseBubblewrap ? BubblewrapProbe.Find(_options.BubblewrapPath) : null;

    /// <summary>Runs <paramref name="command"/> and waits for it (or its budget) to end.</summary>
    /// <exception cref="SandboxUnavailableException">The OS sandbox is required and missing.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the process tree has been killed.</exception>
    public async Task<SandboxRunResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var process = Start(command);
        process.CloseInput();
        var result = await process.WaitAsync(command.Timeout, cancellationToken).ConfigureAwait(false);
        LogFinished(result.ExitCode, result.TimedOut, result.MemoryExceeded, result.Duration.TotalMilliseconds);
        return result;
    }

    /// <summary>
    /// Starts <paramref name="command"/> under the sandbox and its memory and process limits, with standard input open;
    /// its wall-clock budget starts when <see cref="SandboxProcess.WaitAsync"/> is called.
    /// </summary>
    /// <exception cref="SandboxUnavailableException">The OS sandbox is required and missing.</exception>
    internal SandboxProcess Start(SandboxCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var bwrap = BubblewrapPath;
        if (bwrap is null && _options.RequireOsSandbox)
        {
            throw new SandboxUnavailableException(
                "The OS sandbox is required (SandboxOptions.RequireOsSandbox) but bubblewrap is not installed or cannot create namespaces here. Install it (apt-get install bubblewrap) or allow process-only isolation.");
        }

        Directory.CreateDirectory(command.ScratchDirectory);
        var memoryLimit = command.MemoryLimitBytes ?? _options.MemoryLimitBytes;
        var cgroup = CgroupLimits.TryCreate(memoryLimit, _options.MaxProcesses, command.Background);
        var argv = BuildArgv(command, bwrap, cgroup);
        var psi = new ProcessStartInfo(argv[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = command.ScratchDirectory,
        };
        foreach (var arg in argv.Skip(1))
        {
            psi.ArgumentList.Add(arg);
        }

        var extra = new Dictionary<string, string>(command.Environment, StringComparer.Ordinal)
        {
            ["HOME"] = command.ScratchDirectory,
            ["TMPDIR"] = command.ScratchDirectory,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_GCHeapHardLimit"] = "0x" + (memoryLimit / 2).ToString("X", CultureInfo.InvariantCulture),
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        foreach (var (name, value) in WorkerHeapEnvironment)
        {
            extra[name] = value;
        }

        psi.Environment.Clear();
        foreach (var (name, value) in EnvironmentScrubber.Build(Environment.GetEnvironmentVariables(), _options.AllowedEnvironmentVariables, extra))
        {
            psi.Environment[name] = value;
        }

        var level = bwrap is null ? SandboxLevel.ProcessOnly : SandboxLevel.OsSandbox;
        LogStarting(command.FileName, level.ToString(), cgroup is not null);
        var process = new Process { StartInfo = psi };
        try
        {
            StartFromLongLivedThread(process);
        }
        catch
        {
            process.Dispose();
            cgroup?.Dispose();
            throw;
        }

        return new SandboxProcess(process, cgroup, memoryLimit, level, command.OnOutputLine);
    }

    private static string? SetsidPath { get; } =
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) : null;

    /// <summary>
    /// Forks the child from a dedicated thread that lives until the child exits. bubblewrap's <c>--die-with-parent</c>
    /// (<c>PR_SET_PDEATHSIG</c>) fires when the <em>thread</em> that forked it ends, not the process: started from a
    /// thread-pool thread, which retires after ~20 s without work, the worker was SIGKILLed mid-run.
    /// </summary>
    private static void StartFromLongLivedThread(Process process)
    {
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => exited.TrySetResult();
        Exception? error = null;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException or PlatformNotSupportedException)
            {
                error = ex;
            }
            finally
            {
                started.TrySetResult();
            }

            if (error is null)
            {
                exited.Task.Wait();
            }
        })
        {
            IsBackground = true,
            Name = "asiarch-sandbox-parent",
        };
        thread.Start();
        started.Task.Wait();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    private static List<string> BuildArgv(SandboxCommand command, string? bwrap, CgroupLimits? cgroup)
    {
        var argv = new List<string>();
        if (SetsidPath is { } setsid)
        {
            // A session of its own: Ctrl+C or a SIGTERM sent to the terminal's process group reaches the host only, which
            // then stops gracefully and lets running candidates finish (the supervisor still kills the tree by pid).
            // setsid execs in place (and with --wait, if it must fork, it outlives its child), so the pid we supervise stays valid.
            argv.AddRange([setsid, "--wait"]);
        }

        if (cgroup is not null)
        {
            // The shell joins the cgroups before exec'ing the real command, so the limits hold from the first instruction.
            var procs = cgroup.ProcsFiles;
            argv.AddRange(["/bin/sh", "-c", "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; shift; n=$((n-1)); done; exec \"$@\"", "sh", procs.Count.ToString(CultureInfo.InvariantCulture)]);
            argv.AddRange(procs);
        }

        if (bwrap is not null)
        {
            var scratch = Path.GetFullPath(command.ScratchDirectory);
            argv.AddRange([bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]);
            var hidden = new List<string> { Path.GetTempPath().TrimEnd('/'), "/tmp", "/var/tmp", "/run" };
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home) && home != "/")
            {
                hidden.Add(home);
            }

            foreach (var dir in hidden.Distinct(StringComparer.Ordinal).Where(Directory.Exists))
            {
                argv.AddRange(["--tmpfs", dir]);
            }

            // Hidden folders may hold what the worker needs (the app, the dotnet host, the native libraries): bind them back read-only.
            foreach (var path in command.ReadOnlyPaths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(p => Directory.Exists(p) || File.Exists(p)))
            {
                if (hidden.Any(h => path == h || path.StartsWith(h + "/", StringComparison.Ordinal)))
                {
                    argv.AddRange(["--ro-bind", path, path]);
                }
            }

            argv.AddRange(["--bind", scratch, scratch, "--chdir", scratch]);
            argv.AddRange(["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", "--new-session", "--die-with-parent", "--"]);
        }

        argv.Add(command.FileName);
        argv.AddRange(command.Arguments);
        return argv;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Starting sandboxed process {FileName} (isolation {Level}, cgroup limits {Cgroup})")]
    private partial void LogStarting(string fileName, string level, bool cgroup);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sandboxed process exited with {ExitCode} (timed out {TimedOut}, memory exceeded {MemoryExceeded}) after {Milliseconds} ms")]
    private partial void LogFinished(int exitCode, bool timedOut, bool memoryExceeded, double milliseconds);
}
