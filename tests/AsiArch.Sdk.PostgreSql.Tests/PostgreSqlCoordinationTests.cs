using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>Leases, counters and run locks of <see cref="PostgreSqlExperimentStore"/> on a real server.</summary>
public sealed class PostgreSqlCoordinationTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private static readonly ExperimentQuery Candidates = new() { Kinds = [ExperimentKind.Candidate] };

    [Fact]
    public async Task ClaimAsync_TwoProcessesRacing_EachExperimentClaimedOnce()
    {
        var options = database.NewSchema();
        await using var first = await PostgreSqlExperimentStore.OpenAsync(options);
        await using var second = await PostgreSqlExperimentStore.OpenAsync(options);
        for (var i = 0; i < 30; i++)
        {
            await first.CreateAsync(ExperimentSamples.Draft($"c{i}"));
        }

        // Many small claims from two stores (separate connection pools) at once, as two loop processes would.
        async Task<List<long>> ClaimAll(PostgreSqlExperimentStore store, string owner)
        {
            var mine = new List<long>();
            while (true)
            {
                var batch = await store.ClaimAsync(Candidates, owner, Long, 3);
                if (batch.Count == 0)
                {
                    return mine;
                }

                mine.AddRange(batch.Select(r => r.Index));
            }
        }

        var results = await Task.WhenAll(
            Task.Run(() => ClaimAll(first, "a")), Task.Run(() => ClaimAll(second, "b")),
            Task.Run(() => ClaimAll(first, "c")), Task.Run(() => ClaimAll(second, "d")));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), all.Order());
    }

    [Fact]
    public async Task ClaimAsync_LiveLeaseAndTerminal_AreSkipped()
    {
        await using var store = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
        var leased = await store.CreateLeasedAsync(ExperimentSamples.Draft("leased"), "a", Long);
        var done = await store.CreateAsync(ExperimentSamples.Draft("done"));
        await store.UpdateAsync(done with { Status = ExperimentStatus.Failed, Failure = new ExperimentFailure(FailureKind.RuntimeError, "x") });
        var free = await store.CreateAsync(ExperimentSamples.Draft("free"));

        var claimed = await store.ClaimAsync(Candidates, "b", Long, 10);

        Assert.Equal([free.Index], claimed.Select(r => r.Index));
        Assert.Empty(await store.ClaimAsync(Candidates, "a", Long, 10));
        Assert.Equal([leased.Index], await store.RenewLeasesAsync("a", Long));
    }

    [Fact]
    public async Task ClaimAsync_ExpiredLease_IsTakenOverAndOldOwnerLosesIt()
    {
        await using var store = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
        var record = await store.CreateLeasedAsync(ExperimentSamples.Draft("stale"), "dead", TimeSpan.FromMilliseconds(300));
        Assert.Empty(await store.ClaimAsync(Candidates, "alive", Long, 10));

        await Task.Delay(700);
        var claimed = await store.ClaimAsync(Candidates, "alive", Long, 10);

        Assert.Equal([record.Index], claimed.Select(r => r.Index));
        Assert.Empty(await store.RenewLeasesAsync("dead", Long));
        Assert.Equal([record.Index], await store.RenewLeasesAsync("alive", Long));
    }

    [Fact]
    public async Task RenewLeasesAsync_Heartbeat_KeepsLeaseAlivePastItsDuration()
    {
        await using var store = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
        var lease = TimeSpan.FromMilliseconds(600);
        await store.CreateLeasedAsync(ExperimentSamples.Draft("beating"), "a", lease);

        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(250);
            await store.RenewLeasesAsync("a", lease);
            Assert.Empty(await store.ClaimAsync(Candidates, "b", Long, 10));
        }
    }

    [Fact]
    public async Task ReleaseLeaseAsync_Released_ClaimableAtOnce()
    {
        await using var store = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());
        var a = await store.CreateLeasedAsync(ExperimentSamples.Draft("a"), "owner", Long);
        var b = await store.CreateLeasedAsync(ExperimentSamples.Draft("b"), "owner", Long);

        await store.ReleaseLeaseAsync(a.Index, "someone-else");
        Assert.Empty(await store.ClaimAsync(Candidates, "other", Long, 10));
        await store.ReleaseLeaseAsync(a.Index, "owner");
        Assert.Equal([a.Index], (await store.ClaimAsync(Candidates, "other", Long, 10)).Select(r => r.Index));
        await store.ReleaseLeasesAsync("owner");
        Assert.Equal([b.Index], (await store.ClaimAsync(Candidates, "other", Long, 10)).Select(r => r.Index));
    }

    [Fact]
    public async Task NextValueAsync_Concurrent_DistinctAndContiguous()
    {
        var options = database.NewSchema();
        await using var first = await PostgreSqlExperimentStore.OpenAsync(options);
        await using var second = await PostgreSqlExperimentStore.OpenAsync(options);

        var values = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).NextValueAsync("rounds"))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), values.Order());
        Assert.Equal(101, await first.NextValueAsync("rounds", atLeast: 100));
        Assert.Equal(102, await first.NextValueAsync("rounds", atLeast: 5));
        Assert.Throws<ArgumentException>(() => { _ = first.NextValueAsync("experiment_index"); });
    }

    [Fact]
    public async Task LockAsync_SecondHolder_WaitsUntilFirstReleases()
    {
        var options = database.NewSchema();
        await using var first = await PostgreSqlExperimentStore.OpenAsync(options);
        await using var second = await PostgreSqlExperimentStore.OpenAsync(options);
        var held = await first.LockAsync("pool");

        var waiting = second.LockAsync("pool");
        var other = await second.LockAsync("another-lock");
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        await using var acquired = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        await other.DisposeAsync();
    }

    [Fact]
    public async Task CreateLeasedAsync_UnknownParent_ThrowsAndCreatesNothing()
    {
        await using var store = await PostgreSqlExperimentStore.OpenAsync(database.NewSchema());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateLeasedAsync(ExperimentSamples.Draft("orphan", parent: 9), "a", Long));

        Assert.Contains("9", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.QueryAsync(new ExperimentQuery()));
        Assert.Empty(await store.RenewLeasesAsync("a", Long));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CreateLeasedAsync(ExperimentSamples.Draft("x"), "a", TimeSpan.Zero));
    }
}
