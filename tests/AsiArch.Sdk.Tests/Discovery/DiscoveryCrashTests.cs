using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Tests.Discovery;

/// <summary>
/// The loop process (tests/hosts/LoopCrashHost: fakes on SQLite) is SIGKILLed after every commit in turn and at random
/// moments; after resuming, every experiment is terminal exactly once, no model call was paid twice, the store is intact.
/// </summary>
public sealed class DiscoveryCrashTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "asiarch-crash-" + Guid.NewGuid().ToString("N"));

    public DiscoveryCrashTests() => Directory.CreateDirectory(_dir);

    private string Db => Path.Combine(_dir, "run.db");

    private string Calls => Path.Combine(_dir, "calls.txt");

    [Fact]
    public async Task RunAsync_KilledAfterEveryCommitInTurn_ResumesToTheSameCompleteRun()
    {
        // Each process commits exactly one transition and is killed, so the run passes through every state on disk.
        var kills = 0;
        for (var i = 0; i < 150; i++)
        {
            using var process = LoopCrashHostProcess.Start(Db, Calls, budget: 2, killAfterCommits: 1, trainerDelayMs: 0);
            var (finished, output) = await LoopCrashHostProcess.WaitAsync(process, TimeSpan.FromSeconds(60));
            if (finished)
            {
                break;
            }

            Assert.True(process.ExitCode != 0, output);
            kills++;
        }

        Assert.InRange(kills, 25, 149);
        await AssertConsistentAsync(expectedRounds: 2, kills);
    }

    [Fact]
    public async Task RunAsync_KilledAtRandomMoments_ResumesWithoutRepeatsOrLoss()
    {
        var random = new Random(20260728);
        var kills = 0;
        var early = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // The fake trainer's sleep sets a floor on the run's length (seed + 5 candidates x 400 ms = 2.4 s), so the
            // first kill always lands mid-run however fast the machine is.
            using var process = LoopCrashHostProcess.Start(Db, Calls, budget: 5, killAfterCommits: 0, trainerDelayMs: 400);
            await Task.Delay(random.Next(300, 1500));
            var killed = !process.HasExited;
            if (killed)
            {
                process.Kill();
                kills++;
            }

            var (_, runOutput) = await LoopCrashHostProcess.WaitAsync(process, TimeSpan.FromSeconds(60));
            if (!killed)
            {
                // Once seen in a full test run (kills = 0, not reproduced alone): keep what such a run printed.
                early.Add($"run {i} exited {process.ExitCode} before its kill:\n{runOutput}");
            }
        }

        using var last = LoopCrashHostProcess.Start(Db, Calls, budget: 5, killAfterCommits: 0, trainerDelayMs: 0);
        var (finished, output) = await LoopCrashHostProcess.WaitAsync(last, TimeSpan.FromSeconds(60));
        Assert.True(finished, output);
        Assert.True(kills >= 1, string.Join("\n---\n", early));
        await AssertConsistentAsync(expectedRounds: 5, kills);
    }

    /// <summary>
    /// A call counts as paid when the calls file says so, or when the store's interaction log holds it: the ledger
    /// records a call in the store before it appends "paid", so a kill between the two leaves only the log entry
    /// (and the restarted run replays it instead of paying again).
    /// </summary>
    private static async Task<bool> WasPaidAsync(SqliteExperimentStore store, List<string> paid, string role, string key)
    {
        if (paid.Contains($"paid {role} {key}"))
        {
            return true;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{role}|{key}")));
        return await store.FindInteractionAsync(hash) is not null;
    }

    private async Task AssertConsistentAsync(int expectedRounds, int kills)
    {
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)command.ExecuteScalar());
        }

        using var store = await SqliteExperimentStore.OpenAsync(Db);
        var all = await store.QueryAsync(new ExperimentQuery());
        Assert.All(all, r => Assert.True(ExperimentLifecycle.IsTerminal(r.Status), $"{r.Name} is {r.Status}"));
        Assert.Equal(all.Count, all.Select(r => r.Name).Distinct().Count());
        var candidates = all.Where(r => r.Kind == ExperimentKind.Candidate).ToList();
        var rounds = candidates.Select(c => c.Name.Split('_')[1].Split('a')[0]).Distinct().ToList();
        Assert.Equal(expectedRounds, rounds.Count);
        Assert.Single(all, r => r.Kind == ExperimentKind.Seed);
        Assert.Equal("MaxExperiments", await store.GetRunValueAsync("stopReason"));

        // The duplicate verdict of round 2 is kept as negative knowledge and re-planned once.
        Assert.Equal(FailureKind.Duplicate, candidates.Single(c => c.Name == "cand_r2a0").Failure!.Kind);
        Assert.Equal(ExperimentStatus.Done, candidates.Single(c => c.Name == "cand_r2a1").Status);

        var lines = await File.ReadAllLinesAsync(Calls);
        var paid = lines.Where(l => l.StartsWith("paid ", StringComparison.Ordinal)).ToList();
        Assert.Equal(paid.Count, paid.Distinct().Count());
        foreach (var c in candidates)
        {
            Assert.True(await WasPaidAsync(store, paid, "novelty", c.Name), $"novelty check of {c.Name} never paid");
        }

        foreach (var done in all.Where(r => r.Status == ExperimentStatus.Done))
        {
            Assert.True(await WasPaidAsync(store, paid, "judge", done.Name), $"judge call of {done.Name} never paid");
        }

        // A replay happens only for a call whose answer a kill cut off before the loop committed it.
        var replays = lines.Count(l => l.StartsWith("replay ", StringComparison.Ordinal));
        Assert.True(replays <= 3 * kills, $"{replays} replays after {kills} kills");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
