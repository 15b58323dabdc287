namespace AsiArch.Sdk.Sandbox;

/// <summary>Thrown when <see cref="SandboxOptions.RequireOsSandbox"/> is set and no OS sandbox is available.</summary>
public sealed class SandboxUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException()
        : base("The OS sandbox is required but not available.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
