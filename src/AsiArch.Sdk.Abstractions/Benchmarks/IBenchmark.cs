namespace AsiArch.Sdk;

/// <summary>
/// A task a candidate is trained and measured on (MQAR, selective copying, language modelling, or a user's own).
/// </summary>
public interface IBenchmark : IAsiArchComponent
{
    /// <summary>Name and metric description.</summary>
    BenchmarkDescriptor Descriptor { get; }

    /// <summary>Generates or loads the task's data.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default);
}
