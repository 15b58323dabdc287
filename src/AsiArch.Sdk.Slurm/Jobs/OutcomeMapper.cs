using System.Globalization;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>
/// Turns a finished array task (its last Slurm state and the files it left) into a <see cref="TrainingResult"/>:
/// the worker's own result when it wrote one, else a typed failure from the Slurm state — <c>TIMEOUT</c>,
/// <c>DEADLINE</c> or the time-limit warning to <see cref="FailureKind.Timeout"/>, <c>OUT_OF_MEMORY</c> to
/// <see cref="FailureKind.OutOfMemory"/>, <c>NODE_FAIL</c>/<c>BOOT_FAIL</c> to <see cref="FailureKind.Crashed"/>,
/// a cancellation from outside the run to <see cref="FailureKind.Cancelled"/>.
/// </summary>
internal static class OutcomeMapper
{
    /// <summary>The state of a job the controller no longer lists.</summary>
    public const string Unknown = "UNKNOWN";

    public static TrainingResult Map(
        string taskId,
        string state,
        TaskFiles files,
        TrainingRequest request,
        TimeSpan timeLimit,
        TimeSpan elapsed,
        int resubmits)
    {
        var attempts = files.Attempts;
        var last = attempts.Count > 0 ? attempts[^1] : null;
        var extra = new AdditionalPropertiesDictionary
        {
            [SlurmResultProperties.JobId] = taskId,
            [SlurmResultProperties.State] = state,
            [SlurmResultProperties.Attempts] = attempts.Count,
            [SlurmResultProperties.Resubmits] = resubmits,
        };
        if (last is not null)
        {
            extra[SlurmResultProperties.Node] = last.Node;
            if (last.JobGpus is not null)
            {
                extra[SlurmResultProperties.JobGpus] = last.JobGpus;
            }

            if (last.VisibleDevices is not null)
            {
                extra[SlurmResultProperties.VisibleDevices] = last.VisibleDevices;
            }
        }

        // A job that ran to its end: Slurm says so, or it is forgotten (older than MinJobAge) and left its exit code.
        var ranToEnd = state is SlurmStates.Completed or SlurmStates.Failed || (state == Unknown && files.ExitCode is not null);
        var message = ranToEnd ? files.ReadResult() : null;
        var where = last is null ? $"job {taskId}" : $"job {taskId} on {last.Node}";
        if (message?.Training is { } training)
        {
            var merged = training.AdditionalProperties is null ? extra : Merge(training.AdditionalProperties, extra);
            return training with { AdditionalProperties = merged };
        }

        var failure = message?.Failure ?? Classify(state, files, where, timeLimit);
        return new TrainingResult
        {
            Failure = failure,
            Sandbox = SandboxLevel.ProcessOnly,
            Duration = elapsed,
            ProfileName = request.Profile.Name,
            Seed = request.Seed,
            AdditionalProperties = extra,
        };
    }

    /// <summary>The failure of a task that left no result.</summary>
    public static ExperimentFailure Classify(string state, TaskFiles files, string where, TimeSpan timeLimit)
    {
        var errorTail = files.ErrorTail;
        var tail = errorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0 && !l.StartsWith("frame #", StringComparison.Ordinal))
            .TakeLast(25)
            .ToList();
        var minutes = BatchScript.TimeLimitMinutes(timeLimit).ToString(CultureInfo.InvariantCulture);
        if (state is SlurmStates.Timeout or SlurmStates.Deadline || files.Signalled)
        {
            return new ExperimentFailure(
                FailureKind.Timeout,
                $"Slurm stopped {where} at its time limit of {minutes} min ({state}{(files.Signalled ? ", after the time-limit warning" : "")}). Look for unbounded loops or work that grows too fast with sequence length, or raise AsiArch:Slurm:TimeLimit.",
                tail);
        }

        if (state == SlurmStates.OutOfMemory || errorTail.Contains("OutOfMemoryException", StringComparison.Ordinal)
            || errorTail.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase))
        {
            return new ExperimentFailure(
                FailureKind.OutOfMemory,
                $"{Capitalize(where)} exceeded its Slurm memory limit ({state}). Avoid materialising [T, T] or larger intermediates per step, or raise AsiArch:Slurm:MemoryMegabytes.",
                tail);
        }

        if (state is SlurmStates.NodeFail or SlurmStates.BootFail)
        {
            return new ExperimentFailure(
                FailureKind.Crashed,
                $"The node of {where} failed ({state}) and Slurm did not requeue the job.",
                tail);
        }

        if (state == SlurmStates.Preempted)
        {
            return new ExperimentFailure(FailureKind.Crashed, $"{Capitalize(where)} was preempted and could not be resubmitted.", tail);
        }

        if (state == SlurmStates.Cancelled)
        {
            return new ExperimentFailure(FailureKind.Cancelled, $"{Capitalize(where)} was cancelled outside this run (scancel or an administrator).", tail);
        }

        const string NativeTorchError = "terminate called after throwing an instance of 'c10::Error'";
        if (errorTail.Contains(NativeTorchError, StringComparison.Ordinal))
        {
            var what = tail.FirstOrDefault(l => l.TrimStart().StartsWith("what():", StringComparison.Ordinal))?.Trim()["what():".Length..].Trim() ?? "unknown torch error";
            return new ExperimentFailure(FailureKind.RuntimeError, $"torch raised an error in the candidate's code: {what}", tail);
        }

        var exit = files.ExitCode;
        var exitText = exit is null ? "no exit code recorded" : exit > 128 ? $"exit code {exit}, signal {exit - 128}" : $"exit code {exit}";
        return new ExperimentFailure(
            FailureKind.Crashed,
            state == Unknown
                ? $"Slurm no longer knows {where} and the worker left no result ({exitText})."
                : $"The worker of {where} ended without a result ({state}, {exitText}).",
            tail);
    }

    private static AdditionalPropertiesDictionary Merge(AdditionalPropertiesDictionary first, AdditionalPropertiesDictionary second)
    {
        var merged = new AdditionalPropertiesDictionary();
        foreach (var (key, value) in first)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in second)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
