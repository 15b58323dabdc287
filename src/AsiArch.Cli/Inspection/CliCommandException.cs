namespace AsiArch.Cli.Inspection;

/// <summary>A failure a command reports to the user as one clear message and an exit code (no stack trace).</summary>
public sealed class CliCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="exitCode">The process exit code (<see cref="InspectionExitCodes"/>).</param>
    /// <param name="innerException">The cause, if any.</param>
    public CliCommandException(string message, int exitCode = InspectionExitCodes.Failure, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates a domain failure (exit code 1).</summary>
    public CliCommandException()
        : this("The command failed.")
    {
    }

    /// <summary>Creates a domain failure (exit code 1).</summary>
    /// <param name="message">What went wrong.</param>
    public CliCommandException(string message)
        : this(message, InspectionExitCodes.Failure)
    {
    }

    /// <summary>Creates a domain failure (exit code 1) with its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public CliCommandException(string message, Exception innerException)
        : this(message, InspectionExitCodes.Failure, innerException)
    {
    }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }
}
