namespace AsiArch.Sdk.Worker;

/// <summary>Forwards training progress to the host as protocol lines, synchronously (no thread-pool hop, no reordering).</summary>
internal sealed class StreamingProgress(ProtocolWriter writer) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => writer.Write(new WorkerMessage { Type = "progress", Progress = value });
}
