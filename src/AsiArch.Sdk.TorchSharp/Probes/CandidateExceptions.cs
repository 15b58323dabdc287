using System.Runtime.InteropServices;

namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>Turns an exception thrown by candidate code into a failure a model can repair from.</summary>
public static class CandidateExceptions
{
    /// <summary>
    /// <see cref="FailureKind.OutOfMemory"/> for managed or native allocation failures, else
    /// <see cref="FailureKind.RuntimeError"/>; diagnostics are the exception chain and the stack frames, the candidate's
    /// own frames (<c>Layer.cs:line N</c>) first.
    /// </summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="stage">What was running, e.g. <c>forward</c>.</param>
    public static ExperimentFailure Classify(Exception exception, string stage)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var root = exception;
        var diagnostics = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            diagnostics.Add($"{e.GetType().Name}: {FirstLines(e.Message, 6)}");
            root = e;
        }

        var frames = (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToList();
        var candidateFrames = frames.Where(f => f.Contains(".cs:line", StringComparison.Ordinal) && !f.Contains("AsiArch.Sdk.TorchSharp.Probes", StringComparison.Ordinal)).Take(8).ToList();
        diagnostics.AddRange(candidateFrames.Count > 0 ? candidateFrames : frames.Take(8));

        var message = root.Message;
        var oom = exception is OutOfMemoryException || root is OutOfMemoryException
            || (root is ExternalException && (message.Contains("allocate", StringComparison.OrdinalIgnoreCase) || message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)));
        return oom
            ? new ExperimentFailure(FailureKind.OutOfMemory, $"Out of memory during {stage}: {FirstLines(message, 1)}", diagnostics)
            : new ExperimentFailure(FailureKind.RuntimeError, $"{root.GetType().Name} during {stage}: {FirstLines(message, 1)}", diagnostics);
    }

    private static string FirstLines(string text, int count) =>
        string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(count).Select(l => l.Trim()));
}
