namespace AsiArch.Sdk;

/// <summary>
/// A role could not produce its result and says why with a typed <see cref="ExperimentFailure"/> (e.g. a model that
/// gave no usable answer, a spent budget). A loop records the failure on the experiment (or skips the round) and
/// carries on; it is not a contract violation.
/// </summary>
public class ExperimentFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExperimentFailureException(ExperimentFailure failure, Exception? innerException = null)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The typed failure.</summary>
    public ExperimentFailure Failure { get; }
}
