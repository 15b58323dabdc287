namespace AsiArch.Sdk.Sandbox;

/// <summary>A worker started ahead of its job (libtorch loading or loaded, no candidate yet) and its scratch directory.</summary>
internal sealed class WaitingWorker : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WaitingWorker(SandboxProcess process, string scratch)
    {
        Process = process;
        Scratch = scratch;
        process.OnOutputLine = OnLine;
    }

    public SandboxProcess Process { get; }

    public string Scratch { get; }

    /// <summary>Completes when the worker says it has started (and warmed up) and waits for its job.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Kills the worker and deletes its scratch directory.</summary>
    public void Dispose()
    {
        _ready.TrySetCanceled();
        Process.Dispose();
        ScratchDirectory.TryDelete(Scratch);
    }

    private void OnLine(string line)
    {
        if (WorkerMessage.TryParse(line)?.Type == WorkerMessage.ReadyType)
        {
            _ready.TrySetResult();
        }
    }
}
