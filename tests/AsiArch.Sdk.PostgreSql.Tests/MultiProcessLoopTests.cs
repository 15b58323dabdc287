using System.Globalization;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>
/// Several discovery loop processes (tests/hosts/PgLoopHost: fakes, two training slots each) on one PostgreSQL schema:
/// no experiment is created or trained twice, none is lost, and one whose process died mid-training is taken over.
/// </summary>
[Collection("multi-process")]
public sealed class MultiProcessLoopTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), $"asiarch-pg-ledger-{Guid.NewGuid():N}.txt");

    [Fact]
    public async Task TwoLoopsFourWorkers_ShortRun_EveryRoundOnceAndNothingLost()
    {
        var options = database.NewSchema("multi");
        const int budget = 8;

        using var first = PgLoopHostProcess.Start(options.ConnectionString, options.Schema, budget, leaseMs: 5000, trainerDelayMs: 300, _ledger);
        using var second = PgLoopHostProcess.Start(options.ConnectionString, options.Schema, budget, leaseMs: 5000, trainerDelayMs: 300, _ledger);
        var results = await Task.WhenAll(PgLoopHostProcess.WaitAsync(first, Timeout), PgLoopHostProcess.WaitAsync(second, Timeout));

        Assert.True(results[0].Finished, results[0].Output);
        Assert.True(results[1].Finished, results[1].Output);
        await using var store = await PostgreSqlExperimentStore.OpenAsync(options);
        var all = await store.QueryAsync(new ExperimentQuery());
        var candidates = all.Where(r => r.Kind == ExperimentKind.Candidate).ToList();
        Assert.Equal(Enumerable.Range(1, budget).Select(r => $"cand_r{r}a0"), candidates.Select(c => c.Name).Order(StringComparer.Ordinal).OrderBy(n => n.Length));
        Assert.All(candidates, c => Assert.Equal(ExperimentStatus.Done, c.Status));
        Assert.Single(all, r => r.Kind == ExperimentKind.Seed);

        // Every candidate trained exactly once, across both processes.
        var trained = Trainings().Where(t => t.Class.StartsWith("Cand", StringComparison.Ordinal)).ToList();
        Assert.Equal(budget, trained.Count);
        Assert.Equal(budget, trained.Select(t => t.Class).Distinct().Count());

        var pool = await store.GetPoolAsync();
        Assert.NotEmpty(pool);
        Assert.Equal(pool.Count, pool.Distinct().Count());
        Assert.All(pool, i => Assert.Contains(all, r => r.Index == i && r.Status == ExperimentStatus.Done));
        await using var cognition = await PostgreSqlCognitionStore.OpenAsync(options);
        Assert.Equal(budget, (await cognition.ListAsync()).Count(e => e.Kind == CognitionKind.ExperimentDerived));
        Assert.Equal(0, await LeaseCountAsync(options));
    }

    [Fact]
    public async Task LoopKilledMidTraining_LeaseExpires_OtherLoopsTakeOverAndFinish()
    {
        var options = database.NewSchema("killed");
        const int budget = 6;

        // Training 1 is the seed; the process dies during its 3rd training (its 2nd candidate), leaving it Training and
        // leased for 2 s. The survivors use longer leases so that a slow machine never expires a live one.
        using var victim = PgLoopHostProcess.Start(options.ConnectionString, options.Schema, budget, leaseMs: 2000, trainerDelayMs: 400, _ledger, killAtTraining: 3);
        var killed = await PgLoopHostProcess.WaitAsync(victim, Timeout);
        Assert.False(killed.Finished, killed.Output);
        var victimPid = victim.Id.ToString(CultureInfo.InvariantCulture);
        await using (var store = await PostgreSqlExperimentStore.OpenAsync(options))
        {
            var stranded = await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate], Statuses = [ExperimentStatus.Training] });
            Assert.NotEmpty(stranded);
            Assert.True(await LeaseCountAsync(options) > 0, "The killed process must have left live leases behind.");
        }

        using var first = PgLoopHostProcess.Start(options.ConnectionString, options.Schema, budget, leaseMs: 5000, trainerDelayMs: 200, _ledger);
        using var second = PgLoopHostProcess.Start(options.ConnectionString, options.Schema, budget, leaseMs: 5000, trainerDelayMs: 200, _ledger);
        var results = await Task.WhenAll(PgLoopHostProcess.WaitAsync(first, Timeout), PgLoopHostProcess.WaitAsync(second, Timeout));

        Assert.True(results[0].Finished, results[0].Output);
        Assert.True(results[1].Finished, results[1].Output);
        await using var reopened = await PostgreSqlExperimentStore.OpenAsync(options);
        var candidates = (await reopened.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] })).ToList();
        Assert.All(candidates, c => Assert.Equal(ExperimentStatus.Done, c.Status));
        Assert.Equal(candidates.Count, candidates.Select(c => c.Name).Distinct().Count());
        Assert.InRange(candidates.Count, budget - 1, budget);

        // The stranded candidate was trained by the victim, then once more by exactly one survivor; nothing else twice.
        var trainings = Trainings().Where(t => t.Class.StartsWith("Cand", StringComparison.Ordinal)).ToList();
        var byVictim = trainings.Where(t => t.Pid == victimPid).Select(t => t.Class).ToList();
        var bySurvivors = trainings.Where(t => t.Pid != victimPid).Select(t => t.Class).ToList();
        Assert.Equal(bySurvivors.Count, bySurvivors.Distinct().Count());
        Assert.Contains(byVictim[^1], bySurvivors);
        Assert.Equal(candidates.Count, trainings.Select(t => t.Class).Distinct().Count());
        Assert.Equal(0, await LeaseCountAsync(options));
    }

    public void Dispose() => File.Delete(_ledger);

    private List<(string Pid, string Class)> Trainings() =>
        File.Exists(_ledger)
            ? File.ReadAllLines(_ledger).Select(l => l.Split(' ')).Select(p => (p[1], p[2])).ToList()
            : [];

    private static async Task<long> LeaseCountAsync(PostgreSqlStoreOptions options)
    {
        await using var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{options.Schema}\".experiment_leases WHERE expires_at > now()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
