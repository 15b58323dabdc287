using Xunit.Abstractions;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace AsiArch.Sdk.Tests.Storage;

/// <summary>Crash and concurrency faults with real child processes writing one database file.</summary>
public sealed class SqliteExperimentStoreFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task KilledWriter_TenRandomSigkills_EveryAcknowledgedExperimentIntact()
    {
        var path = _directory.File("killed.db");
        var random = new Random(20260128);
        var acknowledged = new Dictionary<long, Ack>();

        for (var round = 0; round < 10; round++)
        {
            using var writer = StoreWriterProcess.Start("write", path, $"r{round}", 100_000);
            await writer.WaitReadyAsync();
            // Kill at a random moment: after a random number of acknowledgements plus a random sub-commit delay.
            var minimumAcks = random.Next(0, 12);
            while (writer.LineCount < minimumAcks)
            {
                await Task.Delay(1);
            }

            await Task.Delay(random.Next(0, 40));
            var lines = await writer.KillAsync();
            foreach (var ack in lines.Select(Ack.Parse).OfType<Ack>())
            {
                acknowledged[ack.Index] = acknowledged.TryGetValue(ack.Index, out var earlier) && earlier.Status > ack.Status ? earlier : ack;
            }

            Assert.Equal("ok", IntegrityCheck(path));
            await AssertAcknowledgedIntactAsync(path, acknowledged);
            output.WriteLine($"round {round}: killed after {lines.Count} lines; {acknowledged.Count} acknowledged experiments intact");
        }

        Assert.True(acknowledged.Count >= 10, $"Only {acknowledged.Count} experiments were acknowledged over 10 rounds.");
    }

    [Fact]
    public async Task TwoProcesses_AllocateConcurrently_NoDuplicateOrLostIndex()
    {
        const int perProcess = 200;
        var path = _directory.File("allocate.db");
        using (await SqliteExperimentStore.OpenAsync(path))
        {
            // Created up front so both children open an existing, migrated file.
        }

        using var first = StoreWriterProcess.Start("allocate", path, "p1", perProcess);
        using var second = StoreWriterProcess.Start("allocate", path, "p2", perProcess);
        await Task.WhenAll(first.WaitReadyAsync(), second.WaitReadyAsync());
        first.Send("GO");
        second.Send("GO");
        var lines = (await first.FinishAsync(TimeSpan.FromSeconds(120))).Concat(await second.FinishAsync(TimeSpan.FromSeconds(120))).ToList();
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);

        var acks = lines.Select(l => l.Split(' ')).Where(p => p is ["ACK", _, _]).Select(p => (Index: long.Parse(p[1], CultureInfo.InvariantCulture), Name: p[2])).ToList();
        Assert.Equal(2 * perProcess, acks.Count);
        Assert.Equal(acks.Count, acks.Select(a => a.Index).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 2 * perProcess).Select(i => (long)i), acks.Select(a => a.Index).Order());

        using var store = await SqliteExperimentStore.OpenAsync(path);
        var stored = await store.QueryAsync(new ExperimentQuery());
        Assert.Equal(2 * perProcess, stored.Count);
        foreach (var (index, name) in acks)
        {
            Assert.Equal(name, stored.Single(r => r.Index == index).Name);
        }

        // How much the two writers overlapped depends on the scheduler (a loaded machine may run them one after the
        // other), so it is reported rather than asserted; correctness above holds either way.
        var switches = acks.OrderBy(a => a.Index).Zip(acks.OrderBy(a => a.Index).Skip(1)).Count(p => p.First.Name[..2] != p.Second.Name[..2]);
        output.WriteLine($"writer switches between consecutive indexes: {switches}");
    }

    public void Dispose() => _directory.Dispose();

    private static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return string.Join("; ", ReadAll(command));
    }

    private static IEnumerable<string> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task AssertAcknowledgedIntactAsync(string path, Dictionary<long, Ack> acknowledged)
    {
        using var store = await SqliteExperimentStore.OpenAsync(path);
        foreach (var ack in acknowledged.Values)
        {
            var record = await store.GetAsync(ack.Index);
            Assert.True(record is not null, $"Acknowledged experiment {ack.Index} ({ack.Name}) is missing.");
            Assert.Equal(ack.Name, record.Name);
            Assert.Equal(ack.Hash, Hash(record.Name, record.Motivation, record.Program));
            Assert.True(record.Status >= ack.Status, $"Experiment {ack.Index} went back from {ack.Status} to {record.Status}.");
            if (record.Status == ExperimentStatus.Implemented)
            {
                Assert.Equal("implemented " + ack.Name, record.Log);
            }
        }
    }

    private static string Hash(string name, string motivation, string program) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + motivation + "\n" + program)));

    private sealed record Ack(long Index, string Name, ExperimentStatus Status, string Hash)
    {
        /// <summary>A complete acknowledgement line, or null (e.g. a line cut short by the kill).</summary>
        public static Ack? Parse(string line) =>
            line.Split(' ') is ["ACK", var index, var name, var status, var hash] &&
            long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i) &&
            Enum.TryParse<ExperimentStatus>(status, out var s) && hash.Length == 64
                ? new Ack(i, name, s, hash)
                : null;
    }
}
