using System.Globalization;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.PostgreSql.Tests.Hosts;

/// <summary>
/// A <see cref="FakeTrainer"/> that appends "train &lt;pid&gt; &lt;class&gt;" to a ledger file before each training and, when
/// asked, kills its own process with SIGKILL in the middle of the N-th training (the experiment is then Training and leased).
/// </summary>
internal sealed class LedgerTrainer(FakeTrainer inner, string ledger, int killAtTraining) : ITrainer
{
    private static readonly Lock Gate = new();
    private int _trainings;

    public async Task<TrainingResult> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var code = request.Candidate.Source.Code;
        var name = code.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? code;
        lock (Gate)
        {
            File.AppendAllText(ledger, string.Create(CultureInfo.InvariantCulture, $"train {Environment.ProcessId} {name}\n"));
        }

        if (Interlocked.Increment(ref _trainings) == killAtTraining)
        {
            // SIGKILL: no finally block, no lease release, no clean connection close.
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        return await inner.TrainAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, inner, serviceType, serviceKey);
}
