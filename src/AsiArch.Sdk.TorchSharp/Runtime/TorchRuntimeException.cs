namespace AsiArch.Sdk.TorchSharp;

/// <summary>libtorch could not be set up: a native backend is missing, the requested device is unavailable, or the
/// native libraries failed to load. The message says what to change.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchRuntimeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public TorchRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The underlying failure.</param>
    public TorchRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
