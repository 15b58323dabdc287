namespace AsiArch.Sdk;

/// <summary>
/// A store could not be opened or used: a file that is not a database of this kind, a schema newer than this library,
/// a corrupt database. The message says which, and the store leaves the data untouched.
/// </summary>
public sealed class ExperimentStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExperimentStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ExperimentStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
