using System.Diagnostics;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Names of the SDK's tracing: add <see cref="SourceName"/> to your OpenTelemetry tracer provider
/// (<c>.AddSource(AsiArchTelemetry.SourceName)</c>) to collect the spans of <c>UseOpenTelemetry()</c>.
/// </summary>
public static class AsiArchTelemetry
{
    /// <summary>The default <see cref="System.Diagnostics.ActivitySource"/> name.</summary>
    public const string SourceName = "AsiArch.Sdk";

    /// <summary>Tag: role of the component, e.g. <c>researcher</c>.</summary>
    public const string RoleTag = "asiarch.role";

    /// <summary>Tag: operation, e.g. <c>propose</c>.</summary>
    public const string OperationTag = "asiarch.operation";

    /// <summary>Tag: the experiment index, when the request names one.</summary>
    public const string ExperimentIndexTag = "asiarch.experiment.index";

    /// <summary>Tag: the kind of a domain failure returned as data.</summary>
    public const string FailureKindTag = "asiarch.failure.kind";

    /// <summary>Tag: a fitness total returned by a scorer.</summary>
    public const string FitnessTotalTag = "asiarch.fitness.total";

    /// <summary>Tag: the exception type of a failed call (OpenTelemetry semantic convention).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The shared source behind <see cref="SourceName"/>.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName, typeof(AsiArchTelemetry).Assembly.GetName().Version?.ToString());
}
