using System.Diagnostics;

namespace AsiArch.Sdk.Tests.Hosts;

/// <summary>Forwards to a store and SIGKILLs this process right after its N-th experiment commit (0: never).</summary>
internal sealed class KillingStore(IExperimentStore inner, int killAfterCommits) : IExperimentStore
{
    private int _commits;

    public async Task<ExperimentRecord> CreateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        var result = await inner.CreateAsync(draft, cancellationToken).ConfigureAwait(false);
        Committed();
        return result;
    }

    public Task<ExperimentRecord?> GetAsync(long index, CancellationToken cancellationToken = default) => inner.GetAsync(index, cancellationToken);

    public async Task<ExperimentRecord> UpdateAsync(ExperimentRecord record, CancellationToken cancellationToken = default)
    {
        var result = await inner.UpdateAsync(record, cancellationToken).ConfigureAwait(false);
        Committed();
        return result;
    }

    public Task<IReadOnlyList<ExperimentRecord>> QueryAsync(ExperimentQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<ExperimentStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default) => inner.CountByStatusAsync(cancellationToken);

    public Task<IReadOnlyList<ExperimentRecord>> GetChildrenAsync(long index, CancellationToken cancellationToken = default) => inner.GetChildrenAsync(index, cancellationToken);

    public Task<IReadOnlyList<ExperimentRecord>> GetPathToRootAsync(long index, CancellationToken cancellationToken = default) => inner.GetPathToRootAsync(index, cancellationToken);

    public Task<IReadOnlyList<ExperimentRecord>> GetSiblingsAsync(long index, CancellationToken cancellationToken = default) => inner.GetSiblingsAsync(index, cancellationToken);

    public Task<IReadOnlyList<ExperimentRecord>> GetRankRangeAsync(int fromRank, int toRank, CancellationToken cancellationToken = default) => inner.GetRankRangeAsync(fromRank, toRank, cancellationToken);

    public Task<IReadOnlyList<ExperimentRecord>> SearchMotivationsAsync(string text, int count = 5, CancellationToken cancellationToken = default) => inner.SearchMotivationsAsync(text, count, cancellationToken);

    public Task<IReadOnlyList<long>> GetPoolAsync(CancellationToken cancellationToken = default) => inner.GetPoolAsync(cancellationToken);

    public Task SetPoolAsync(IReadOnlyList<long> indexes, CancellationToken cancellationToken = default) => inner.SetPoolAsync(indexes, cancellationToken);

    public Task AppendInteractionAsync(ModelInteraction interaction, CancellationToken cancellationToken = default) => inner.AppendInteractionAsync(interaction, cancellationToken);

    public Task<IReadOnlyList<ModelInteraction>> GetInteractionsAsync(long? experimentIndex, CancellationToken cancellationToken = default) => inner.GetInteractionsAsync(experimentIndex, cancellationToken);

    public Task<ModelInteraction?> FindInteractionAsync(string requestHash, CancellationToken cancellationToken = default) => inner.FindInteractionAsync(requestHash, cancellationToken);

    public Task<string?> GetRunValueAsync(string key, CancellationToken cancellationToken = default) => inner.GetRunValueAsync(key, cancellationToken);

    public Task SetRunValueAsync(string key, string? value, CancellationToken cancellationToken = default) => inner.SetRunValueAsync(key, value, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    private void Committed()
    {
        if (Interlocked.Increment(ref _commits) == killAfterCommits)
        {
            // Process.Kill on Unix is SIGKILL: no finally blocks, no flushing, exactly like a crash.
            Process.GetCurrentProcess().Kill();
        }
    }
}
