using System.Collections.Concurrent;
using System.Diagnostics;

namespace AsiArch.Sdk.Composition;

/// <summary>One activity source per name for the life of the process (sources are meant to be long-lived).</summary>
internal static class ActivitySources
{
    private static readonly ConcurrentDictionary<string, ActivitySource> Sources = new(StringComparer.Ordinal);

    public static ActivitySource Get(string? name) =>
        name is null or AsiArchTelemetry.SourceName
            ? AsiArchTelemetry.ActivitySource
            : Sources.GetOrAdd(name, n => new ActivitySource(n));
}
