using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;

namespace AsiArch.Sdk.Benchmarks.Storage;

/// <summary>
/// Durable-write and query costs of <see cref="SqliteExperimentStore"/> on one file: create (one commit), status update
/// with a full record (one commit), get by index, rank range, motivation search. Args: [experiments=1000] [seed=1].
/// </summary>
internal sealed class StoreThroughputBenchmark : IMacroBenchmark
{
    private static readonly string[] Words =
    [
        "gated", "delta", "rule", "decay", "short", "convolution", "feature", "map", "elu", "softmax", "taylor", "chunk",
        "recall", "associative", "memory", "forget", "gate", "normalisation", "rms", "head", "mixing", "linear", "attention",
        "kernel", "state", "update", "beta", "write", "strength", "output", "sliding", "window", "hybrid", "retention",
    ];

    public string Name => "store";

    public string Description => "SQLite experiment store: durable create/update, get, rank range and FTS5 search costs.";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var random = new Random(args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1);
        var directory = Path.Combine(Path.GetTempPath(), "asiarch-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = await SqliteExperimentStore.OpenAsync(Path.Combine(directory, "bench.db"), cancellationToken: cancellationToken);
            var created = new List<ExperimentRecord>(count);
            var createTime = await TimeAsync(count, async i =>
            {
                var motivation = string.Join(' ', Enumerable.Range(0, 40).Select(_ => Words[random.Next(Words.Length)]));
                created.Add(await store.CreateAsync(ExperimentSamples.Draft($"e{i}", parent: i > 0 ? random.Next(1, i + 1) : null, motivation: motivation), cancellationToken));
            });
            var updateTime = await TimeAsync(count, async i =>
                created[i] = await store.UpdateAsync(ExperimentSamples.Filled(created[i], score: random.NextDouble() * 3) with { Status = ExperimentStatus.Implemented }, cancellationToken));
            var getTime = await TimeAsync(count, async i => await store.GetAsync(created[random.Next(count)].Index, cancellationToken));
            var rankTime = await TimeAsync(100, async _ => await store.GetRankRangeAsync(11, 50, cancellationToken));
            var searchTime = await TimeAsync(100, async i => await store.SearchMotivationsAsync(created[random.Next(count)].Motivation, 5, cancellationToken));
            var pathTime = await TimeAsync(100, async _ => await store.GetPathToRootAsync(created[random.Next(count)].Index, cancellationToken));
            var bytes = new FileInfo(store.DatabasePath).Length + (File.Exists(store.DatabasePath + "-wal") ? new FileInfo(store.DatabasePath + "-wal").Length : 0);

            output.WriteLine($"SqliteExperimentStore, {count} experiments (full records ~{bytes / count / 1024.0:F1} KiB each on disk), WAL + synchronous=FULL, {Environment.ProcessorCount} cores.");
            output.WriteLine();
            output.WriteLine("| operation | calls | mean per call |");
            output.WriteLine("|---|---:|---:|");
            Row(output, "CreateAsync (1 durable commit)", count, createTime);
            Row(output, "UpdateAsync, full record (1 durable commit)", count, updateTime);
            Row(output, "GetAsync", count, getTime);
            Row(output, "GetRankRangeAsync(11, 50)", 100, rankTime);
            Row(output, "SearchMotivationsAsync(40-word motivation, 5)", 100, searchTime);
            Row(output, "GetPathToRootAsync", 100, pathTime);
            output.WriteLine();
            output.WriteLine($"Write vs read: one durable update costs {updateTime.TotalMilliseconds / count / (getTime.TotalMilliseconds / count):F0}x a get.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<TimeSpan> TimeAsync(int calls, Func<int, Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call(i);
        }

        return Stopwatch.GetElapsedTime(start);
    }

    private static void Row(TextWriter output, string operation, int calls, TimeSpan total)
    {
        var mean = total.TotalMilliseconds / calls;
        output.WriteLine(mean >= 1
            ? $"| {operation} | {calls} | {mean:F2} ms |"
            : $"| {operation} | {calls} | {mean * 1000:F0} µs |");
    }
}
