namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    private readonly object _gate = new();

    public void Report(TrainingProgress value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
