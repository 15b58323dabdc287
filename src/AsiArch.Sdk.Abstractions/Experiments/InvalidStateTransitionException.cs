namespace AsiArch.Sdk;

/// <summary>Thrown when an update would move an experiment along a transition the lifecycle forbids.</summary>
public sealed class InvalidStateTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InvalidStateTransitionException(long index, ExperimentStatus from, ExperimentStatus to)
        : base($"Experiment {index} cannot move from {from} to {to}" +
               (ExperimentLifecycle.IsTerminal(from) ? $": {from} is terminal." : "."))
    {
        Index = index;
        From = from;
        To = to;
    }

    /// <summary>The experiment.</summary>
    public long Index { get; }

    /// <summary>Its stored status.</summary>
    public ExperimentStatus From { get; }

    /// <summary>The rejected target status.</summary>
    public ExperimentStatus To { get; }
}
