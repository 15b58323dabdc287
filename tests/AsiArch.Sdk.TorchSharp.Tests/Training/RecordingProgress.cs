namespace AsiArch.Sdk.TorchSharp.Tests.Training;

/// <summary>An <see cref="IProgress{T}"/> that records reports synchronously and can run a callback on each.</summary>
internal sealed class RecordingProgress(Action<TrainingProgress>? onReport = null) : IProgress<TrainingProgress>
{
    public List<TrainingProgress> Reports { get; } = [];

    public void Report(TrainingProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
