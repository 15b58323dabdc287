namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>Turns an exception thrown by a mixer into failure diagnostics a repairing model can act on.</summary>
internal static class ExceptionDiagnostics
{
    private const int MaxFrames = 12;

    /// <summary>
    /// The exception chain (type and message), then the stack frames in <paramref name="sourceFileName"/> (e.g.
    /// <c>at MyMixer.forward(Tensor x) in Layer.cs:line 18</c>), or the top frames when none names it.
    /// </summary>
    public static IReadOnlyList<string> From(Exception exception, string? sourceFileName)
    {
        var lines = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            lines.Add($"{e.GetType().FullName}: {e.Message}");
        }

        var frames = (exception.StackTrace ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        var own = sourceFileName is null
            ? []
            : frames.Where(f => f.Contains(sourceFileName + ":line ", StringComparison.Ordinal)).ToList();
        lines.AddRange((own.Count > 0 ? own : frames).Take(MaxFrames));
        return lines;
    }
}
