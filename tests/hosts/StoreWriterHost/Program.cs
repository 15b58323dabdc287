// Writes experiments into a SQLite experiment store and prints one acknowledgement line after each commit, so a test
// can kill it at any moment and then check that everything acknowledged survived.
//
//   StoreWriterHost write    <db> <prefix> <count>   create + update experiments, "ACK <index> <name> <status> <hash>"
//   StoreWriterHost allocate <db> <prefix> <count>   wait for "GO" on stdin, then create, "ACK <index> <name>"
using AsiArch.Sdk;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Tests.Hosts;

if (args.Length != 4 || !int.TryParse(args[3], out var count))
{
    Console.Error.WriteLine("usage: StoreWriterHost write|allocate <db> <prefix> <count>");
    return 2;
}

var (mode, path, prefix) = (args[0], args[1], args[2]);
using var store = await SqliteExperimentStore.OpenAsync(path);
Console.WriteLine("READY");

if (mode == "allocate")
{
    if (Console.ReadLine() != "GO")
    {
        return 3;
    }

    for (var i = 0; i < count; i++)
    {
        var record = await store.CreateAsync(new ExperimentDraft { Name = $"{prefix}-{i}" });
        Console.WriteLine($"ACK {record.Index} {record.Name}");
    }

    return 0;
}

for (var i = 0; i < count; i++)
{
    var name = $"{prefix}-{i}";
    var (motivation, program) = WriterPayload.Create(name);
    var created = await store.CreateAsync(new ExperimentDraft { Name = name, Motivation = motivation, Program = program, Seed = i });
    Console.WriteLine($"ACK {created.Index} {name} {created.Status} {WriterPayload.Hash(name, motivation, program)}");

    var updated = await store.UpdateAsync(created with { Status = ExperimentStatus.Implemented, Log = WriterPayload.ImplementedLog(name) });
    Console.WriteLine($"ACK {updated.Index} {name} {updated.Status} {WriterPayload.Hash(name, motivation, program)}");
}

return 0;
