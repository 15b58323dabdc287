namespace AsiArch.Sdk;

/// <summary>The allowed status transitions of an experiment.</summary>
public static class ExperimentLifecycle
{
    /// <summary>True for <see cref="ExperimentStatus.Done"/> and <see cref="ExperimentStatus.Failed"/>.</summary>
    public static bool IsTerminal(ExperimentStatus status) =>
        status is ExperimentStatus.Done or ExperimentStatus.Failed;

    /// <summary>
    /// True when <paramref name="from"/> → <paramref name="to"/> is allowed: one step forward; staying put (a data
    /// update); any non-terminal state to <see cref="ExperimentStatus.Failed"/>; <see cref="ExperimentStatus.Training"/>
    /// back to <see cref="ExperimentStatus.Validated"/> (a training interrupted by a crash is re-queued); and
    /// <see cref="ExperimentStatus.Evaluated"/> straight to <see cref="ExperimentStatus.Done"/> (baselines need no analysis).
    /// Terminal states never change.
    /// </summary>
    public static bool CanTransition(ExperimentStatus from, ExperimentStatus to)
    {
        if (IsTerminal(from))
        {
            return false;
        }

        return to == from
            || to == ExperimentStatus.Failed
            || (int)to == (int)from + 1
            || (from == ExperimentStatus.Training && to == ExperimentStatus.Validated)
            || (from == ExperimentStatus.Evaluated && to == ExperimentStatus.Done);
    }

    /// <summary>Throws <see cref="InvalidStateTransitionException"/> when the transition is not allowed.</summary>
    public static void EnsureCanTransition(long index, ExperimentStatus from, ExperimentStatus to)
    {
        if (!CanTransition(from, to))
        {
            throw new InvalidStateTransitionException(index, from, to);
        }
    }
}
