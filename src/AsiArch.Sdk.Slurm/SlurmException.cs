namespace AsiArch.Sdk.Slurm;

/// <summary>
/// Slurm refused a request in a way retrying will not fix (an unknown partition or account, a resource request the
/// cluster cannot satisfy, missing Slurm commands). The message quotes Slurm's own error.
/// </summary>
public sealed class SlurmException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SlurmException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SlurmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SlurmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
