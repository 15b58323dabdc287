using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.PostgreSql;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;
using Npgsql;

namespace AsiArch.Sdk.Benchmarks.PostgreSql;

/// <summary>
/// Insert and transition throughput of <see cref="PostgreSqlExperimentStore"/> against <see cref="SqliteExperimentStore"/>
/// in one run: sequential creates and transitions (one durable commit each), the same with several concurrent writers
/// (what several loop processes do), and the PostgreSQL lease claim. Needs the server of scripts/setup/postgres.sh (or a
/// connection string). Args: [experiments=400] [writers=4] [connection-string].
/// </summary>
internal sealed class PostgreSqlStoreBenchmark : IMacroBenchmark
{
    private const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=asiarch;Password=asiarch;Database=asiarch";

    public string Name => "pg-store";

    public string Description => "PostgreSQL vs SQLite experiment store: durable create and transition throughput, sequential and with concurrent writers.";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        var writers = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var connection = args.Count > 2 ? args[2] : DefaultConnection;
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var directory = Path.Combine(Path.GetTempPath(), "asiarch-pg-bench-" + Guid.NewGuid().ToString("N"));
        var results = new List<(string Store, string Operation, int Calls, TimeSpan Time)>();
        try
        {
            using (var sqlite = await SqliteExperimentStore.OpenAsync(Path.Combine(directory, "bench.db"), cancellationToken: cancellationToken))
            {
                results.AddRange(await MeasureAsync("SQLite", sqlite, count, writers, cancellationToken));
            }

            await using var postgres = await PostgreSqlExperimentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = connection, Schema = schema }, cancellationToken: cancellationToken);
            results.AddRange(await MeasureAsync("PostgreSQL", postgres, count, writers, cancellationToken));
            var claimTime = await TimeAsync(async () =>
            {
                var query = new ExperimentQuery { Kinds = [ExperimentKind.Candidate] };
                await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
                {
                    while ((await postgres.ClaimAsync(query, $"worker{w}", TimeSpan.FromMinutes(5), 1, cancellationToken)).Count > 0)
                    {
                    }
                }, cancellationToken)));
            });
            results.Add(("PostgreSQL", $"ClaimAsync, 1 per call, {writers} concurrent claimers (SKIP LOCKED)", count * 2, claimTime));
        }
        finally
        {
            await DropSchemaAsync(connection, schema);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        output.WriteLine($"{count} experiments per phase, {writers} concurrent writers, {Environment.ProcessorCount} cores; SQLite WAL + synchronous=FULL, PostgreSQL 127.0.0.1 fsync=on synchronous_commit=on.");
        output.WriteLine();
        output.WriteLine("| store | operation | calls | ops/s | mean per call |");
        output.WriteLine("|---|---|---:|---:|---:|");
        foreach (var (store, operation, calls, time) in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {store} | {operation} | {calls} | {calls / time.TotalSeconds:F0} | {time.TotalMilliseconds / calls:F2} ms |"));
        }

        output.WriteLine();
        foreach (var operation in results.Where(r => r.Store == "SQLite").Select(r => r.Operation))
        {
            var sqlite = results.Single(r => r.Store == "SQLite" && r.Operation == operation);
            var pg = results.Single(r => r.Store == "PostgreSQL" && r.Operation == operation);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {operation}: PostgreSQL/SQLite throughput {(sqlite.Time.TotalSeconds / pg.Time.TotalSeconds):F2}x"));
        }
    }

    private static async Task<List<(string, string, int, TimeSpan)>> MeasureAsync(string name, IExperimentStore store, int count, int writers, CancellationToken ct)
    {
        var created = new ExperimentRecord[count];
        var createTime = await TimeAsync(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                created[i] = await store.CreateAsync(ExperimentSamples.Draft($"s{i}"), ct);
            }
        });
        var updateTime = await TimeAsync(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                created[i] = await store.UpdateAsync(ExperimentSamples.Filled(created[i]) with { Status = ExperimentStatus.Implemented }, ct);
            }
        });

        var concurrent = new ExperimentRecord[count];
        var concurrentCreateTime = await TimeAsync(() => Parallel(writers, count, async i => concurrent[i] = await store.CreateAsync(ExperimentSamples.Draft($"c{i}"), ct)));
        var concurrentUpdateTime = await TimeAsync(() => Parallel(writers, count, async i =>
            concurrent[i] = await store.UpdateAsync(ExperimentSamples.Filled(concurrent[i]) with { Status = ExperimentStatus.Implemented }, ct)));
        return
        [
            (name, "CreateAsync, sequential", count, createTime),
            (name, "UpdateAsync (transition, full record), sequential", count, updateTime),
            (name, $"CreateAsync, {writers} concurrent writers", count, concurrentCreateTime),
            (name, $"UpdateAsync (transition), {writers} concurrent writers", count, concurrentUpdateTime),
        ];
    }

    private static Task Parallel(int writers, int count, Func<int, Task> action)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await action(i);
            }
        })));
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    private static async Task DropSchemaAsync(string connectionString, string schema)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server may be what failed; nothing to clean then.
        }
    }
}
