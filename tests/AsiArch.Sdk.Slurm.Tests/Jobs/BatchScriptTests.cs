using System.Collections;
using AsiArch.Sdk.Slurm.Jobs;

namespace AsiArch.Sdk.Slurm.Tests.Jobs;

public sealed class BatchScriptTests
{
    [Fact]
    public void Render_AllOptions_WritesTheSbatchDirectives()
    {
        var options = new SlurmOptions
        {
            SharedDirectory = "/shared/asiarch",
            Partition = "gpu",
            Account = "lab-1",
            GpusPerJob = 2,
            GpuType = "a100",
            MemoryMegabytes = 8192,
            CpusPerTask = 4,
            MaxConcurrentArrayTasks = 3,
            SignalLeadTime = TimeSpan.FromSeconds(90),
        };
        options.ExtraSbatchLines.Add("--qos=high");
        options.ExtraSbatchLines.Add("#SBATCH --constraint=ib");

        var script = Render(options, TimeSpan.FromSeconds(61));

        foreach (var line in new[]
        {
            "#SBATCH --array=0-3%3", "#SBATCH --time=2", "#SBATCH --mem=8192", "#SBATCH --cpus-per-task=4",
            "#SBATCH --gres=gpu:a100:2", "#SBATCH --requeue", "#SBATCH --signal=B:USR1@90", "#SBATCH --partition=gpu",
            "#SBATCH --account=lab-1", "#SBATCH --export=ALL", "#SBATCH --qos=high", "#SBATCH --constraint=ib",
            "#SBATCH --output=/shared/asiarch/b1/slurm-%a.out", "#SBATCH --comment=asiarch:b1",
        })
        {
            Assert.Contains(line + "\n", script, StringComparison.Ordinal);
        }

        Assert.True(script.IndexOf("--qos=high", StringComparison.Ordinal) > script.IndexOf("--partition=gpu", StringComparison.Ordinal));
        Assert.Contains("task_dir='/shared/asiarch/b1'/\"$SLURM_ARRAY_TASK_ID\"", script, StringComparison.Ordinal);
        Assert.Contains("'/usr/bin/dotnet' 'exec' 'it'\\''s.dll' \"$task_dir/job.json\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Environment_CopiesOnlyAllowListedNonCredentialVariables()
    {
        var options = new SlurmOptions { SharedDirectory = "/shared", Requeue = false, SignalLeadTime = TimeSpan.Zero };
        options.ExportedEnvironmentVariables.Add("OPENAI_API_KEY");
        options.ExportedEnvironmentVariables.Add("MY_SETTING");

        var script = Render(options, TimeSpan.FromMinutes(3), new Hashtable
        {
            ["PATH"] = "/usr/bin:/bin",
            ["OPENAI_API_KEY"] = "sk-secret",
            ["MY_SETTING"] = "it's fine",
            ["DB_PASSWORD"] = "hunter2",
        });

        Assert.Contains("export PATH='/usr/bin:/bin'\n", script, StringComparison.Ordinal);
        Assert.Contains("export MY_SETTING='it'\\''s fine'\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", script, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --no-requeue\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--signal", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--gres", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(600, 10)]
    public void TimeLimitMinutes_Seconds_RoundsUpToWholeMinutes(int seconds, int minutes)
    {
        Assert.Equal(minutes, BatchScript.TimeLimitMinutes(TimeSpan.FromSeconds(seconds)));
    }

    private static string Render(SlurmOptions options, TimeSpan limit, IDictionary? environment = null) =>
        BatchScript.Render(options, "/shared/asiarch/b1", "0-3", limit, 2, ["/usr/bin/dotnet", "exec", "it's.dll"], environment ?? new Hashtable());
}
