using System.Globalization;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// A private cgroup (v2, or v1 memory + pids + cpu controllers) holding the worker tree: a hard memory limit the
/// candidate cannot raise, a process/thread limit, usage and OOM counters, a CPU weight, and a way to kill every member.
/// </summary>
internal sealed class CgroupLimits : IDisposable
{
    // Relative CPU weights under contention (v1 cpu.shares, v2 cpu.weight): the kernel defaults, and their minimum.
    private const string V1NormalShares = "1024";
    private const string V1BackgroundShares = "2";
    private const string V2NormalWeight = "100";
    private const string V2BackgroundWeight = "1";

    private readonly List<string> _directories;
    private readonly string? _memoryDirectory;
    private readonly bool _v2;
    private string? _cpuDirectory;

    private CgroupLimits(List<string> directories, string? memoryDirectory, bool v2)
    {
        _directories = directories;
        _memoryDirectory = memoryDirectory;
        _v2 = v2;
    }

    /// <summary>Whether <see cref="SetBackground"/> has a CPU controller to act on.</summary>
    public bool ControlsCpu => _cpuDirectory is not null;

    /// <summary>The <c>cgroup.procs</c> files a starting process must write its pid into.</summary>
    public IReadOnlyList<string> ProcsFiles => _directories.Select(d => Path.Combine(d, "cgroup.procs")).ToList();

    /// <summary>Creates the cgroup with the limits, or returns null when the kernel or permissions do not allow it.</summary>
    /// <param name="memoryLimitBytes">Hard memory limit of the tree.</param>
    /// <param name="maxProcesses">Most processes and threads.</param>
    /// <param name="background">Start with the lowest CPU weight (where a CPU controller is available), see <see cref="SetBackground"/>.</param>
    public static CgroupLimits? TryCreate(long memoryLimitBytes, int maxProcesses, bool background = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var name = StaleCgroups.NewName();
        try
        {
            var selfLines = File.ReadAllLines("/proc/self/cgroup");
            if (File.Exists("/sys/fs/cgroup/cgroup.controllers"))
            {
                var path = selfLines.FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..] ?? "/";
                var parent = "/sys/fs/cgroup" + path.TrimEnd('/');
                var controllers = File.ReadAllText(Path.Combine(parent, "cgroup.subtree_control"));
                if (!controllers.Contains("memory", StringComparison.Ordinal))
                {
                    return null;
                }

                StaleCgroups.SweepOnce(parent);
                var dir = Path.Combine(parent, name);
                Directory.CreateDirectory(dir);
                var limits = new CgroupLimits([dir], dir, v2: true);
                File.WriteAllText(Path.Combine(dir, "memory.max"), memoryLimitBytes.ToString(CultureInfo.InvariantCulture));
                TryWrite(Path.Combine(dir, "memory.swap.max"), "0");
                TryWrite(Path.Combine(dir, "pids.max"), maxProcesses.ToString(CultureInfo.InvariantCulture));
                if (controllers.Contains("cpu", StringComparison.Ordinal))
                {
                    limits._cpuDirectory = dir;
                    limits.SetBackground(background);
                }

                return limits;
            }

            string? V1(string controller)
            {
                var line = selfLines.FirstOrDefault(l => l.Split(':') is [_, var c, _] && c.Split(',').Contains(controller));
                if (line is null)
                {
                    return null;
                }

                var rel = line.Split(':', 3)[2].TrimEnd('/');
                var parent = $"/sys/fs/cgroup/{controller}{rel}";
                if (!Directory.Exists(parent))
                {
                    return null;
                }

                StaleCgroups.SweepOnce(parent);
                var dir = Path.Combine(parent, name);
                Directory.CreateDirectory(dir);
                return dir;
            }

            var memory = V1("memory");
            if (memory is null)
            {
                return null;
            }

            var dirs = new List<string> { memory };
            var result = new CgroupLimits(dirs, memory, v2: false);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), memoryLimitBytes.ToString(CultureInfo.InvariantCulture));
            TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), memoryLimitBytes.ToString(CultureInfo.InvariantCulture));
            var pids = V1("pids");
            if (pids is not null)
            {
                dirs.Add(pids);
                TryWrite(Path.Combine(pids, "pids.max"), maxProcesses.ToString(CultureInfo.InvariantCulture));
            }

            // Optional: without a writable cpu controller the worker simply runs at the normal weight.
            try
            {
                var cpu = V1("cpu");
                if (cpu is not null)
                {
                    dirs.Add(cpu);
                    result._cpuDirectory = cpu;
                    result.SetBackground(background);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                result._cpuDirectory = null;
            }

            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Gives the group the lowest CPU weight (<paramref name="background"/>) or the normal one. A background group
    /// only gets CPU time the other groups leave idle, however many threads it starts; every thread moves with the
    /// group, so no thread created in the background keeps a low priority afterwards (unlike a nice value).
    /// </summary>
    public void SetBackground(bool background)
    {
        if (_cpuDirectory is null)
        {
            return;
        }

        if (_v2)
        {
            TryWrite(Path.Combine(_cpuDirectory, "cpu.weight"), background ? V2BackgroundWeight : V2NormalWeight);
        }
        else
        {
            TryWrite(Path.Combine(_cpuDirectory, "cpu.shares"), background ? V1BackgroundShares : V1NormalShares);
        }
    }

    /// <summary>The group's current CPU weight as the kernel reports it (v1 cpu.shares, v2 cpu.weight); null without a CPU controller.</summary>
    public string? CpuWeight() =>
        _cpuDirectory is null ? null : SafeRead(Path.Combine(_cpuDirectory, _v2 ? "cpu.weight" : "cpu.shares")).Trim();

    /// <summary>Current memory use of the group, in bytes.</summary>
    public long MemoryUsage()
    {
        if (_memoryDirectory is null)
        {
            return 0;
        }

        var file = Path.Combine(_memoryDirectory, _v2 ? "memory.current" : "memory.usage_in_bytes");
        return long.TryParse(SafeRead(file).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    /// <summary>True when the kernel hit the group's memory limit (an OOM kill or a failed charge).</summary>
    public bool HitMemoryLimit()
    {
        if (_memoryDirectory is null)
        {
            return false;
        }

        if (_v2)
        {
            var events = SafeRead(Path.Combine(_memoryDirectory, "memory.events"));
            return events.Split('\n').Any(l => (l.StartsWith("oom_kill ", StringComparison.Ordinal) || l.StartsWith("max ", StringComparison.Ordinal)) && !l.EndsWith(" 0", StringComparison.Ordinal));
        }

        // With swap accounting the combined limit (memsw) is the one that trips; oom_kill counts kernel kills.
        static bool Positive(string text) => text.Length > 0 && text != "0";
        var oomKills = SafeRead(Path.Combine(_memoryDirectory, "memory.oom_control")).Split('\n')
            .FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal))?["oom_kill ".Length..].Trim() ?? "";
        return Positive(SafeRead(Path.Combine(_memoryDirectory, "memory.failcnt")).Trim())
            || Positive(SafeRead(Path.Combine(_memoryDirectory, "memory.memsw.failcnt")).Trim())
            || Positive(oomKills);
    }

    /// <summary>Kills every process in the group.</summary>
    public void KillAll()
    {
        foreach (var dir in _directories)
        {
            foreach (var line in SafeRead(Path.Combine(dir, "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                {
                    ProcessTree.KillPid(pid);
                }
            }
        }
    }

    /// <summary>Kills what is left and removes the group.</summary>
    public void Dispose()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            KillAll();
            var remaining = false;
            foreach (var dir in _directories)
            {
                try
                {
                    if (Directory.Exists(dir))
                    {
                        Directory.Delete(dir);
                    }
                }
                catch (IOException)
                {
                    remaining = true;
                }
                catch (UnauthorizedAccessException)
                {
                    remaining = true;
                }
            }

            if (!remaining)
            {
                return;
            }

            Thread.Sleep(25);
        }
    }

    private static void TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Optional controller file (swap accounting, pids) missing on this kernel: the limit is simply not applied.
        }
    }

    private static string SafeRead(string path)
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
