namespace AsiArch.Sdk.IntegrationTests.Sandbox;

/// <summary>What the worker-client tests share: a training of a few seconds, report values, and waiting for a process to end.</summary>
internal static class WorkerTestSupport
{
    /// <summary>Smoke shapes, 10 steps of a small MQAR.</summary>
    public static readonly TrainingProfile Tiny = TrainingProfiles.Smoke with
    {
        Name = "Tiny",
        Steps = 10,
        Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "2", ["vocab"] = "8" }) { Steps = 10 }],
    };

    public static bool Flag(object? value) =>
        value is System.Text.Json.JsonElement element ? element.GetBoolean() : Convert.ToBoolean(value, System.Globalization.CultureInfo.InvariantCulture);

    public static double Number(object? value) =>
        value is System.Text.Json.JsonElement element ? element.GetDouble() : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);

    public static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} still runs");
    }
}
