namespace AsiArch.Sdk.TorchSharp;

/// <summary>
/// A compiled candidate does not satisfy the mixer contract. The message states the rule, what was found and how to
/// fix the source, so it can be handed to a code-repairing model as is.
/// </summary>
public sealed class MixerContractException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MixerContractException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The repair-oriented explanation.</param>
    public MixerContractException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The repair-oriented explanation.</param>
    /// <param name="innerException">The underlying failure.</param>
    public MixerContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a specific rule.</summary>
    /// <param name="violation">The broken rule.</param>
    /// <param name="message">The repair-oriented explanation.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public MixerContractException(MixerContractViolation violation, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Violation = violation;
    }

    /// <summary>The broken rule.</summary>
    public MixerContractViolation Violation { get; }
}
