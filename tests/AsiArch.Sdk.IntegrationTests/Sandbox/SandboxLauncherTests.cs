using System.Net;
using System.Net.Sockets;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>The launcher's guarantees, checked with ordinary processes (no torch): budgets, environment, isolation.</summary>
public sealed class SandboxLauncherTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "asiarch-launcher-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    /// <summary>Whether this process may create cgroups with the memory and cpu controllers (what the launcher needs).</summary>
    private static bool CanCreateCpuCgroup()
    {
        var lines = File.ReadAllLines("/proc/self/cgroup");
        if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            var own = "/sys/fs/cgroup" + (lines.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..] ?? "/").TrimEnd('/');
            var subtree = Path.Combine(own, "cgroup.subtree_control");
            var controllers = File.Exists(subtree) ? File.ReadAllText(subtree) : "";
            return controllers.Contains("memory", StringComparison.Ordinal) && controllers.Contains("cpu", StringComparison.Ordinal) && CanCreateChild(own);
        }

        string? V1(string controller) =>
            lines.FirstOrDefault(l => l.Split(':') is [_, var c, _] && c.Split(',').Contains(controller)) is { } line
                ? $"/sys/fs/cgroup/{controller}{line.Split(':', 3)[2].TrimEnd('/')}"
                : null;
        return V1("memory") is { } memory && CanCreateChild(memory) && V1("cpu") is { } cpu && CanCreateChild(cpu);
    }

    private static bool CanCreateChild(string parent)
    {
        var probe = Path.Combine(parent, "asiarch-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private SandboxCommand Shell(string script, double timeoutSeconds = 20) => new()
    {
        FileName = "/bin/sh",
        Arguments = ["-c", script],
        ScratchDirectory = _scratch,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    [Fact]
    public async Task RunAsync_CredentialsInEnvironment_AreNotPassed()
    {
        Environment.SetEnvironmentVariable("ASIARCH_TEST_OPENAI_API_KEY", "sk-secret");
        Environment.SetEnvironmentVariable("ASIARCH_TEST_DB_CONNECTION", "Host=db;Password=x");
        var options = new SandboxOptions();
        options.AllowedEnvironmentVariables.Add("ASIARCH_TEST_OPENAI_API_KEY");

        var result = await new SandboxLauncher(options).RunAsync(Shell("env"));

        Assert.Equal(0, result.ExitCode);
        var env = string.Join("\n", result.OutputTail);
        Assert.DoesNotContain("sk-secret", env, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", env, StringComparison.Ordinal);
        Assert.Contains("PATH=", env, StringComparison.Ordinal);
        Assert.Contains($"HOME={_scratch}", env, StringComparison.Ordinal);
        Assert.Contains("DOTNET_GCHeapHardLimit=0x", env, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InTheBackground_HasTheLowestCpuWeightUntilPromoted()
    {
        using var process = new SandboxLauncher().Start(Shell("sleep 30") with { Background = true });

        // Where this process may create cgroups with a CPU controller the launcher must use it; elsewhere it cannot.
        Assert.Equal(CanCreateCpuCgroup(), process.ControlsCpu);
        if (process.ControlsCpu)
        {
            var v2 = File.Exists("/sys/fs/cgroup/cgroup.controllers");
            Assert.Equal(v2 ? "1" : "2", process.CpuWeight);
            process.SetBackground(false);
            Assert.Equal(v2 ? "100" : "1024", process.CpuWeight);
        }

        process.Kill();
        await process.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
    }

    [Fact]
    public async Task WaitAsync_FinishedSignalled_KillsTheProcessInsteadOfWaitingForItsExit()
    {
        using var process = new SandboxLauncher().Start(Shell("echo done; sleep 30"));
        var finished = new TaskCompletionSource();
        process.OnOutputLine = line => { if (line == "done") { finished.TrySetResult(); } };

        var result = await process.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None, finished.Task);

        Assert.True(result.StoppedAfterResult);
        Assert.False(result.TimedOut);
        Assert.True(result.Duration < TimeSpan.FromSeconds(15), $"took {result.Duration}");
        Assert.True(process.HasExited);
    }

    [Fact]
    public async Task RunAsync_PastTheTimeout_KillsTheWholeTree()
    {
        var marker = "301." + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await new SandboxLauncher().RunAsync(Shell($"sleep {marker} & sleep {marker} & wait", timeoutSeconds: 1));

        Assert.True(result.TimedOut);
        Assert.True(result.Duration < TimeSpan.FromSeconds(15));
        await Task.Delay(300);
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Select(d => Read(Path.Combine(d, "cmdline"))), c => c.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_MemoryBeyondTheBudget_IsKilledAndReported()
    {
        var options = new SandboxOptions { MemoryLimitBytes = 128L * 1024 * 1024 };

        var result = await new SandboxLauncher(options).RunAsync(Shell("python3 -c \"a = bytearray(600 * 1024 * 1024); import time; time.sleep(5)\""));

        Assert.True(result.MemoryExceeded, $"exit {result.ExitCode}, peak {result.PeakMemoryBytes}, stderr {result.ErrorTail}");
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_Process_RunsInASessionOfItsOwn()
    {
        // Ctrl+C in a terminal signals the whole foreground process group; a worker in its own session is spared, so
        // the host can stop gracefully while running candidates finish. Field 6 of /proc/PID/stat is the session id.
        var hostSession = Read("/proc/self/stat").Split(' ')[5];
        var options = new SandboxOptions { UseBubblewrap = false };

        var result = await new SandboxLauncher(options).RunAsync(Shell("cut -d' ' -f6 /proc/$$/stat"));

        Assert.Equal(0, result.ExitCode);
        var workerSession = Assert.Single(result.OutputTail).Trim();
        Assert.NotEqual(hostSession, workerSession);
    }

    [Fact]
    public async Task RunAsync_ScratchIsWritable()
    {
        var result = await new SandboxLauncher().RunAsync(Shell("echo data > \"$HOME/out.txt\" && cat \"$HOME/out.txt\""));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("data", result.OutputTail);
    }

    [Fact]
    public async Task RunAsync_OsSandbox_RootIsReadOnlyAndHostTempIsHidden()
    {
        var launcher = new SandboxLauncher();
        Assert.Equal(SandboxLevel.OsSandbox, launcher.Level); // bubblewrap is installed on the project's machines
        var hostFile = Path.Combine(Path.GetTempPath(), "asiarch-host-visible-" + Guid.NewGuid().ToString("N")[..6]);
        await File.WriteAllTextAsync(hostFile, "host");
        try
        {
            var result = await launcher.RunAsync(Shell($"touch /asiarch-escape 2>/dev/null && echo wrote-root; cat {hostFile} 2>/dev/null || echo hidden"));

            Assert.Equal(SandboxLevel.OsSandbox, result.Level);
            Assert.DoesNotContain("wrote-root", result.OutputTail);
            Assert.Contains("hidden", result.OutputTail);
            Assert.False(File.Exists("/asiarch-escape"));
        }
        finally
        {
            File.Delete(hostFile);
        }
    }

    [Fact]
    public async Task RunAsync_OsSandbox_CannotReachALocalhostListener()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var script = $"python3 -c \"import socket; s = socket.socket(); s.settimeout(3); s.connect(('127.0.0.1', {port})); print('connected')\" 2>&1 || echo blocked";

        var sandboxed = await new SandboxLauncher().RunAsync(Shell(script));
        var unsandboxed = await new SandboxLauncher(new SandboxOptions { UseBubblewrap = false }).RunAsync(Shell(script));

        Assert.Contains("blocked", sandboxed.OutputTail);
        Assert.DoesNotContain("connected", sandboxed.OutputTail);
        Assert.Contains("connected", unsandboxed.OutputTail); // the same probe does connect without the OS sandbox
        Assert.Equal(SandboxLevel.ProcessOnly, unsandboxed.Level);
    }

    [Fact]
    public async Task RunAsync_RequireOsSandboxWithoutIt_Refuses()
    {
        var launcher = new SandboxLauncher(new SandboxOptions { UseBubblewrap = false, RequireOsSandbox = true });

        var ex = await Assert.ThrowsAsync<SandboxUnavailableException>(() => launcher.RunAsync(Shell("true")));

        Assert.Contains("bubblewrap", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsAndThrows()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SandboxLauncher().RunAsync(Shell("sleep 30"), cts.Token));
    }

    [Fact]
    public async Task RunAsync_ProcessBudget_StopsAForkBomb()
    {
        var options = new SandboxOptions { MaxProcesses = 40 };

        var result = await new SandboxLauncher(options).RunAsync(Shell("i=0; while [ $i -lt 200 ]; do sleep 3 & i=$((i+1)); done; echo spawned; wait", timeoutSeconds: 20));

        Assert.Contains("fork", result.ErrorTail, StringComparison.OrdinalIgnoreCase);
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
