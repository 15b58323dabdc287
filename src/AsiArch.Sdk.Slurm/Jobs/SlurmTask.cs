namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>One training request on its way through Slurm: where its files are, which job runs it, how it ended.</summary>
internal sealed class SlurmTask(TrainingRequest request, IProgress<TrainingProgress>? progress, TimeSpan timeLimit, long createdTimestamp)
{
    public TrainingRequest Request { get; } = request;

    public IProgress<TrainingProgress>? Progress { get; } = progress;

    /// <summary>The job's time limit (tasks of one array share it).</summary>
    public TimeSpan TimeLimit { get; } = timeLimit;

    public long CreatedTimestamp { get; } = createdTimestamp;

    public TaskCompletionSource<TrainingResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The array batch this task belongs to, once written.</summary>
    public SlurmBatch? Batch { get; set; }

    /// <summary>Index of the task in its array.</summary>
    public int Index { get; set; }

    /// <summary>The task's files, once written.</summary>
    public TaskFiles? Files { get; set; }

    /// <summary>The Slurm id of the task (<c>ARRAYID_INDEX</c>), once submitted.</summary>
    public string? JobId { get; set; }

    /// <summary>The array id part of <see cref="JobId"/>.</summary>
    public string? ArrayJobId { get; set; }

    /// <summary>The last state seen.</summary>
    public string? LastState { get; set; }

    /// <summary>Consecutive polls in which the controller did not list the job.</summary>
    public int MissingPolls { get; set; }

    /// <summary>Times this library resubmitted the task.</summary>
    public int Resubmits { get; set; }

    /// <summary>Where progress reading goes on in <c>worker.out</c>.</summary>
    public long ProgressOffset { get; set; }

    /// <summary>Set when the caller cancelled; the job is cancelled as soon as it has an id.</summary>
    public bool CancelRequested { get; set; }
}
