using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Engineering;

public sealed class WorkerFailureClassificationTests
{
    [Fact]
    public void Classify_TimedOut_IsTimeoutNamingTheBudget()
    {
        var failure = WorkerClient.Classify(new SandboxRunResult { TimedOut = true, ExitCode = 137 }, TimeSpan.FromSeconds(30), new TrainingProgress { Task = "mqar", Step = 7, TotalSteps = 100 });

        Assert.Equal(FailureKind.Timeout, failure.Kind);
        Assert.Contains("30 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("step 7/100", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_MemoryExceeded_IsOutOfMemory()
    {
        var failure = WorkerClient.Classify(new SandboxRunResult { MemoryExceeded = true, ExitCode = 137, PeakMemoryBytes = 2L << 30 }, TimeSpan.FromMinutes(1), null);

        Assert.Equal(FailureKind.OutOfMemory, failure.Kind);
        Assert.Contains("2048 MiB", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_StackOverflow_IsCrashedAndSaysRecursion()
    {
        var failure = WorkerClient.Classify(new SandboxRunResult { ExitCode = 134, ErrorTail = "Stack overflow.\n   at M.Deep(Int32)\n   at M.Deep(Int32)\n" }, TimeSpan.FromMinutes(1), null);

        Assert.Equal(FailureKind.Crashed, failure.Kind);
        Assert.Contains("stack overflow", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Diagnostics.Count); // repeated frames collapse
    }

    [Fact]
    public void Classify_UncaughtTorchError_IsRuntimeErrorWithWhat()
    {
        var stderr = "terminate called after throwing an instance of 'c10::Error'\n  what():  mat1 and mat2 shapes cannot be multiplied (128x64 and 3x5)\nframe #0: c10::Error::Error + 0xb0\n";

        var failure = WorkerClient.Classify(new SandboxRunResult { ExitCode = 134, ErrorTail = stderr }, TimeSpan.FromMinutes(1), null);

        Assert.Equal(FailureKind.RuntimeError, failure.Kind);
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(failure.Diagnostics, d => d.StartsWith("frame #", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_PlainDeath_IsCrashedWithSignal()
    {
        var failure = WorkerClient.Classify(new SandboxRunResult { ExitCode = 139, ErrorTail = "Segmentation fault" }, TimeSpan.FromMinutes(1), null);

        Assert.Equal(FailureKind.Crashed, failure.Kind);
        Assert.Contains("signal 11", failure.Message, StringComparison.Ordinal);
    }
}
