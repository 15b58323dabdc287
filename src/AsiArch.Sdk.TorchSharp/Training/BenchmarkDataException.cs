namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>A benchmark produced no batch or an invalid one (a bug in the task, not in the mixer being trained).</summary>
public sealed class BenchmarkDataException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public BenchmarkDataException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
