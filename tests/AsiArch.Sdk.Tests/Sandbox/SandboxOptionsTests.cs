using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Sandbox;

public sealed class SandboxOptionsTests
{
    [Fact]
    public void Clone_HasEverySettingOfTheOriginal()
    {
        var original = new SandboxOptions { KeepWorkerReady = false, Threads = 3, ProbeTimeout = TimeSpan.FromSeconds(7), WorkerPath = "/w.dll", TrainInProbedWorker = true };
        original.BenchmarkAssemblies.Add("/lab/Benchmarks.dll");

        var copy = original.Clone();

        foreach (var property in typeof(SandboxOptions).GetProperties())
        {
            var (mine, theirs) = (property.GetValue(original), property.GetValue(copy));
            if (mine is IList<string> list)
            {
                Assert.Equal(list, (IList<string>)theirs!);
            }
            else
            {
                Assert.True(Equals(mine, theirs), $"{property.Name}: {mine} against {theirs}");
            }
        }
    }

    [Fact]
    public void Clone_ChangingTheCopy_LeavesTheOriginalAlone()
    {
        var original = new SandboxOptions { KeepWorkerReady = true };
        original.BenchmarkAssemblies.Add("/lab/Benchmarks.dll");

        var copy = original.Clone();
        copy.KeepWorkerReady = false;
        copy.AllowedEnvironmentVariables.Add("EXTRA");
        copy.BenchmarkAssemblies.Clear();

        Assert.True(original.KeepWorkerReady);
        Assert.DoesNotContain("EXTRA", original.AllowedEnvironmentVariables);
        Assert.Equal(["/lab/Benchmarks.dll"], original.BenchmarkAssemblies);
    }
}
