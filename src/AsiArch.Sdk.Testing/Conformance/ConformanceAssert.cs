using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>Assertions shared by the conformance suites.</summary>
public static class ConformanceAssert
{
    /// <summary>How long a cancelled call may take to give up before the suite calls it hung.</summary>
    public static TimeSpan CancellationGrace { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Calls <paramref name="call"/> with an already cancelled token and asserts it throws
    /// <see cref="OperationCanceledException"/> (a call that returns a result has ignored the token).
    /// </summary>
    /// <param name="call">The call under test.</param>
    public static async Task ThrowsWhenCancelledAsync(Func<CancellationToken, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        Task task;
        try
        {
            task = call(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var finished = await Task.WhenAny(task, Task.Delay(CancellationGrace, CancellationToken.None));
        Assert.True(finished == task, $"The call did not finish within {CancellationGrace.TotalSeconds} s of a cancelled token.");
        var error = await Record.ExceptionAsync(() => task);
        Assert.True(
            error is OperationCanceledException,
            error is null
                ? "The call ignored the cancelled token and returned a result; it must throw OperationCanceledException."
                : $"A cancelled call must throw OperationCanceledException, not {error.GetType().FullName}: {error.Message}");
    }

    /// <summary>Asserts the text is neither null nor whitespace, naming what it is.</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">What the text is, for the message.</param>
    public static void NotBlank(string? text, string what) =>
        Assert.False(string.IsNullOrWhiteSpace(text), $"{what} must not be empty.");
}
