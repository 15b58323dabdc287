namespace AsiArch.Sdk;

/// <summary>
/// A domain failure, returned as data (not thrown): what went wrong, in words and diagnostics fit to show a model that
/// is asked to repair the code.
/// </summary>
public sealed record ExperimentFailure
{
    /// <summary>Creates a failure.</summary>
    public ExperimentFailure(FailureKind kind, string message, IReadOnlyList<string>? diagnostics = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Kind = kind;
        Message = message;
        Diagnostics = diagnostics ?? [];
    }

    /// <summary>The kind of failure.</summary>
    public FailureKind Kind { get; init; }

    /// <summary>One-line summary.</summary>
    public string Message { get; init; }

    /// <summary>Details: compiler diagnostics with the quoted line, probe measurements, the tail of a stack trace.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; }

    /// <inheritdoc />
    public override string ToString() => Diagnostics.Count == 0
        ? $"{Kind}: {Message}"
        : $"{Kind}: {Message}{Environment.NewLine}{string.Join(Environment.NewLine, Diagnostics)}";
}
