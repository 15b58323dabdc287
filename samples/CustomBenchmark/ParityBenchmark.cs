using AsiArch.Sdk;

namespace CustomBenchmark;

// <snippet:parity-benchmark>
/// <summary>
/// Running parity: a stream of bits, and at every position the model must say whether the bits so far hold an even or
/// odd number of ones. Linear-attention state has to track a sign that flips, which plain averaging cannot do.
/// Public with a parameterless constructor, because the sandboxed worker creates it from this assembly by type.
/// </summary>
public sealed class ParityBenchmark : IBenchmark
{
    /// <summary>The registered name profiles use.</summary>
    public const string Name = "parity";

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; } = new()
    {
        Name = Name,
        Description = "Running parity of a bit stream: state tracking that a sign flip breaks.",
        PrimaryMetric = "accuracy", // measured by the trainer on the positions the loss mask scores
    };

    /// <inheritdoc />
    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        cancellationToken.ThrowIfCancellationRequested();
        var length = setup.Settings.TryGetValue("length", out var text) && int.TryParse(text, out var parsed)
            ? parsed
            : setup.SequenceLength;
        if (length < 2)
        {
            throw new ArgumentException($"parity: setting 'length' must be at least 2, got '{text}'.", nameof(setup));
        }

        return Task.FromResult<IBenchmarkData>(new ParityData(length, setup.Seed));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType?.IsInstanceOfType(this) == true && serviceKey is null ? this : null;
}
// </snippet:parity-benchmark>
