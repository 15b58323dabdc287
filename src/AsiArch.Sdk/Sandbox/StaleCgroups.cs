using System.Collections.Concurrent;
using System.Globalization;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// Names the workers' cgroups after the host process that creates them (<c>asiarch-{pid}-{id}</c>) and removes the
/// empty ones whose host has died: a host killed before it disposed its workers cannot remove their groups, and nothing
/// else would. A group with a live member is never removed (the kernel refuses), nor one of a live host.
/// </summary>
internal static class StaleCgroups
{
    private const string Prefix = "asiarch-";

    private static readonly ConcurrentDictionary<string, bool> Swept = new(StringComparer.Ordinal);

    /// <summary>A new group name owned by this process.</summary>
    public static string NewName() => $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"[..(Prefix.Length + 20)];

    /// <summary>Removes the stale groups under <paramref name="parent"/> the first time this process asks for that parent.</summary>
    public static void SweepOnce(string parent)
    {
        if (Swept.TryAdd(parent, true))
        {
            Sweep(parent, TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>
    /// Removes the groups under <paramref name="parent"/> named by a host process that no longer exists and created
    /// more than <paramref name="minimumAge"/> ago (a host in another PID namespace looks dead from here: the age keeps
    /// its fresh groups); returns how many went.
    /// </summary>
    public static int Sweep(string parent, TimeSpan minimumAge)
    {
        var removed = 0;
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(parent, Prefix + "*"))
            {
                if (OwnerIsGone(Path.GetFileName(directory)) && DateTime.UtcNow - Directory.GetCreationTimeUtc(directory) >= minimumAge)
                {
                    try
                    {
                        Directory.Delete(directory);
                        removed++;
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        // Still has a member (or is not ours to remove): left alone.
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The parent cannot be listed: nothing to sweep.
        }

        return removed;
    }

    private static bool OwnerIsGone(string name)
    {
        var rest = name.AsSpan(Prefix.Length);
        var dash = rest.IndexOf('-');
        return dash > 0
            && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && pid != Environment.ProcessId
            && !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
    }
}
