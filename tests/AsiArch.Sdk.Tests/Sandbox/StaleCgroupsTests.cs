using System.Globalization;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Sandbox;

/// <summary>
/// The sweep of groups left by dead hosts, on an ordinary directory standing in for the cgroup parent (a group with a
/// member cannot be removed, like a directory with a file in it).
/// </summary>
public sealed class StaleCgroupsTests : IDisposable
{
    // Above any pid_max, so never a live process.
    private const string DeadHost = "2147483646";

    private readonly string _parent = Path.Combine(Path.GetTempPath(), "asiarch-sweep-test-" + Guid.NewGuid().ToString("N")[..8]);

    public StaleCgroupsTests() => Directory.CreateDirectory(_parent);

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    [Fact]
    public void NewName_NamesThisProcessAsTheOwner()
    {
        var name = StaleCgroups.NewName();

        Assert.StartsWith($"asiarch-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-", name, StringComparison.Ordinal);
        Assert.NotEqual(name, StaleCgroups.NewName());
    }

    [Fact]
    public void Sweep_RemovesOnlyEmptyGroupsOfDeadHosts()
    {
        var stale = Group($"asiarch-{DeadHost}-0123456789ab");
        var withMember = Group($"asiarch-{DeadHost}-ba9876543210");
        File.WriteAllText(Path.Combine(withMember, "cgroup.procs"), "42");
        var ours = Group(StaleCgroups.NewName());
        var unnamed = Group("asiarch-0123456789ab");
        var foreign = Group($"other-{DeadHost}-0123456789ab");

        var removed = StaleCgroups.Sweep(_parent, TimeSpan.Zero);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(stale));
        Assert.All([withMember, ours, unnamed, foreign], d => Assert.True(Directory.Exists(d), d));
    }

    [Fact]
    public void Sweep_KeepsAGroupYoungerThanTheMinimumAge()
    {
        var fresh = Group($"asiarch-{DeadHost}-0123456789ab");

        Assert.Equal(0, StaleCgroups.Sweep(_parent, TimeSpan.FromHours(1)));
        Assert.True(Directory.Exists(fresh));
    }

    private string Group(string name) => Directory.CreateDirectory(Path.Combine(_parent, name)).FullName;
}
