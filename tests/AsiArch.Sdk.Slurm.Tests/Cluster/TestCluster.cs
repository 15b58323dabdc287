using System.Diagnostics;
using System.Globalization;

namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>
/// The single-node test cluster of <c>scripts/setup/slurm.sh</c>: started once per test run (the script is idempotent and
/// returns at once when the node is already idle), with helpers to look at jobs and to kill and restart the controller.
/// </summary>
internal static class TestCluster
{
    private static readonly Lazy<Task> Started = new(StartAsync);
    private static readonly SemaphoreSlim ControllerGate = new(1, 1);

    public static string FakeWorker => Path.Combine(AppContext.BaseDirectory, "TestWorker", "fake-worker.sh");

    /// <summary>Makes sure the cluster answers and the node is usable.</summary>
    public static Task EnsureStartedAsync() => Started.Value;

    /// <summary>A fresh shared directory for one test.</summary>
    public static string NewSharedDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "asiarch-slurm-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Options that run the fake worker in <paramref name="mode"/>, polling fast.</summary>
    public static SlurmOptions FakeOptions(string mode, int seconds = 0)
    {
        var options = new SlurmOptions
        {
            SharedDirectory = NewSharedDirectory(),
            WorkerCommand = ["/bin/bash", FakeWorker, mode, seconds.ToString(CultureInfo.InvariantCulture)],
            PollInterval = TimeSpan.FromMilliseconds(500),
            BatchWindow = TimeSpan.FromMilliseconds(300),
            MemoryMegabytes = 64,
            CpusPerTask = 1,
            TimeLimit = TimeSpan.FromMinutes(5),
        };
        return options;
    }

    /// <summary>The state squeue reports for <paramref name="jobId"/>, or null when it is not listed.</summary>
    public static async Task<string?> StateAsync(string jobId)
    {
        var (code, output, _) = await RunAsync("squeue", "-h", "-t", "all", "-j", jobId, "-o", "%T");
        var state = output.Trim();
        return code == 0 && state.Length > 0 ? state : null;
    }

    /// <summary>Waits until the job of <paramref name="jobIdPrefix"/> (an array id or <c>ID_INDEX</c>) is in <paramref name="state"/>.</summary>
    public static Task WaitForStateAsync(string jobId, string state, TimeSpan timeout) =>
        WaitForStateAsync(jobId, [state], timeout);

    /// <summary>Waits until the job is in one of <paramref name="states"/>.</summary>
    public static async Task WaitForStateAsync(string jobId, IReadOnlyList<string> states, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string? last = null;
        while (clock.Elapsed < timeout)
        {
            last = await StateAsync(jobId);
            if (last is not null && states.Contains(last))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Job {jobId} did not reach {string.Join(" or ", states)} within {timeout} (last state {last ?? "not listed"}).");
    }

    /// <summary>Array task ids of running or pending jobs named <paramref name="jobName"/>.</summary>
    public static async Task<List<string>> JobsNamedAsync(string jobName)
    {
        var (_, output, _) = await RunAsync("squeue", "-h", "-r", "-n", jobName, "-o", "%i");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>
    /// Changes <paramref name="jobId"/>'s time limit and waits until slurmctld has written its job state after that, so a SIGKILL loses nothing that happened before (a
    /// controller killed before its periodic save forgets the newest jobs and may give their ids again).
    /// </summary>
    public static async Task WaitForStateSaveAsync(string jobId)
    {
        const string StateFile = "/var/spool/slurmctld/job_state";
        var after = DateTime.UtcNow;

        // The controller saves job state shortly after a change: make one.
        var update = await RunAsync("scontrol", "update", "JobId=" + jobId, "TimeLimit=7");
        Assert.True(update.Code == 0, "scontrol update failed: " + update.Error);
        var clock = Stopwatch.StartNew();
        while (File.GetLastWriteTimeUtc(StateFile) <= after)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"slurmctld did not save {StateFile} within 30 s");
            await Task.Delay(250);
        }
    }

    /// <summary>Kills slurmctld with SIGKILL, waits a moment, restarts it and waits until it answers again.</summary>
    public static async Task KillAndRestartControllerAsync(TimeSpan downtime)
    {
        await ControllerGate.WaitAsync();
        try
        {
            var pid = int.Parse((await File.ReadAllTextAsync("/run/slurmctld.pid")).Trim(), CultureInfo.InvariantCulture);
            using (var controller = Process.GetProcessById(pid))
            {
                Assert.Equal("slurmctld", controller.ProcessName);
                controller.Kill();
                await controller.WaitForExitAsync();
            }

            await Task.Delay(downtime);
            var (code, _, error) = await RunAsync("slurmctld");
            Assert.True(code == 0, "slurmctld did not restart: " + error);
            var clock = Stopwatch.StartNew();
            while ((await RunAsync("squeue", "-h", "-o", "%i")).Code != 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "slurmctld did not answer within 30 s of its restart");
                await Task.Delay(200);
            }
        }
        finally
        {
            ControllerGate.Release();
        }
    }

    public static async Task<(int Code, string Output, string Error)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static async Task StartAsync()
    {
        var (code, output, _) = await RunAsync("sinfo", "-h", "-o", "%T");
        if (code == 0 && (output.Contains("idle", StringComparison.Ordinal) || output.Contains("mix", StringComparison.Ordinal) || output.Contains("alloc", StringComparison.Ordinal)))
        {
            return;
        }

        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "AsiArch.Sdk.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.True(root is not null, "The repository root (AsiArch.Sdk.sln) was not found above the test binaries, so scripts/setup/slurm.sh cannot start the cluster.");
        var setup = await RunAsync("bash", Path.Combine(root!, "scripts", "setup", "slurm.sh"));
        Assert.True(setup.Code == 0, $"scripts/setup/slurm.sh failed ({setup.Code}): {setup.Error}");
    }
}
