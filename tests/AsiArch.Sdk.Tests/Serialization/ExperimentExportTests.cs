using System.Text;
using AsiArch.Sdk.Serialization;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Conformance;
using AsiArch.Sdk.Testing.Fakes;
using AsiArch.Sdk.Tests.Storage;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Tests.Serialization;

public sealed class ExperimentExportTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));

    [Fact]
    public async Task ExportThenImport_PopulatedStore_RoundTripsWithoutLoss()
    {
        using var source = await PopulatedStoreAsync("source.db");
        using var output = new MemoryStream();
        await new ExperimentExporter(source, _clock).ExportAsync(output);
        var exported = output.ToArray();

        using var target = await SqliteExperimentStore.OpenAsync(_directory.File("target.db"), _clock);
        var summary = await new ExperimentImporter(target).ImportAsync(new MemoryStream(exported));
        using var again = new MemoryStream();
        await new ExperimentExporter(target, _clock).ExportAsync(again);

        Assert.Equal(new ExperimentImportSummary(5, 2, 2, 2), summary);
        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(again.ToArray()));
        StructuralAssert.Equal(await source.ReadSnapshotAsync(), await target.ReadSnapshotAsync());
        var next = await target.CreateAsync(ExperimentSamples.Draft("after-import"));
        Assert.Equal(6, next.Index);
    }

    [Fact]
    public async Task Export_Document_HasGalleryShapes()
    {
        using var source = await PopulatedStoreAsync("gallery.db");
        using var output = new MemoryStream();
        await new ExperimentExporter(source, _clock).ExportAsync(output);

        var json = JObject.Parse(Encoding.UTF8.GetString(output.ToArray()));

        Assert.Equal("asiarch-experiments", json["format"]!.Value<string>());
        var tree = (JArray)json["tree"]!;
        Assert.Equal(5, tree.Count);
        Assert.Equal(["index", "name", "parent", "score"], ((JObject)tree[1]).Properties().Select(p => p.Name).ToArray());
        Assert.Equal(1, tree[1]["parent"]!.Value<long>());
        Assert.Equal(2.25, tree[1]["score"]!.Value<double>());
        Assert.Equal(JTokenType.Null, tree[0]["parent"]!.Type);
        var record = (JObject)((JArray)json["experiments"]!)[1];
        Assert.Equal("Done", record["status"]!.Value<string>());
        Assert.NotNull(record["result"]!["tasks"]);
    }

    [Fact]
    public async Task ExportToDirectory_ThenImport_RoundTrips()
    {
        using var source = await PopulatedStoreAsync("dir-source.db");
        var folder = _directory.File("export");
        await new ExperimentExporter(source, _clock).ExportToDirectoryAsync(folder);

        using var target = await SqliteExperimentStore.OpenAsync(_directory.File("dir-target.db"));
        await new ExperimentImporter(target).ImportFromDirectoryAsync(folder);

        Assert.True(File.Exists(Path.Combine(folder, ExperimentExportFiles.Tree)));
        Assert.Equal(5, JArray.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ExperimentExportFiles.Experiments))).Count);
        StructuralAssert.Equal(await source.ReadSnapshotAsync(), await target.ReadSnapshotAsync());
    }

    [Fact]
    public async Task Import_NonEmptyStore_RefusedUnlessAllowed()
    {
        using var source = await PopulatedStoreAsync("ne-source.db");
        using var output = new MemoryStream();
        await new ExperimentExporter(source, _clock).ExportAsync(output);
        using var target = await SqliteExperimentStore.OpenAsync(_directory.File("ne-target.db"));
        await target.CreateAsync(ExperimentSamples.Draft("existing"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ExperimentImporter(target).ImportAsync(new MemoryStream(output.ToArray())));
        var collided = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ExperimentImporter(target).ImportAsync(new MemoryStream(output.ToArray()), new ExperimentImportOptions { AllowNonEmptyStore = true }));

        Assert.Contains("already holds 1 experiments", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Experiment 1 already exists", collided.Message, StringComparison.Ordinal);
        Assert.Single(await target.QueryAsync(new ExperimentQuery()));
        Assert.Empty(await target.GetInteractionsAsync(null));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"format\": \"asiarch-experiments\", \"experiments\": [", "not a valid experiment export")]
    [InlineData("[1, 2, 3]", "not a valid experiment export")]
    [InlineData("{\"format\": \"something-else\"}", "format 'something-else'")]
    [InlineData("{\"format\": \"asiarch-experiments\", \"version\": 9}", "format version 9")]
    [InlineData("{\"experiments\": [{\"index\": 1}]}", "has no name")]
    [InlineData("{\"experiments\": [{\"index\": 1, \"name\": \"a\"}, {\"index\": 1, \"name\": \"b\"}]}", "appears twice")]
    [InlineData("{\"experiments\": [{\"index\": 2, \"name\": \"a\", \"parent\": 7}]}", "parent 7")]
    [InlineData("{\"experiments\": [{\"index\": 1, \"name\": \"a\", \"status\": \"Exploded\"}]}", "not a valid experiment export")]
    [InlineData("{\"experiments\": [], \"pool\": [4]}", "pool names experiment 4")]
    [InlineData("{\"experiments\": []} trailing", "not a valid experiment export")]
    [InlineData("{\"experiments\": []} {}", "Additional text")]
    public async Task Import_MalformedInput_ThrowsClearErrorAndWritesNothing(string json, string expected)
    {
        using var target = await SqliteExperimentStore.OpenAsync(_directory.File($"bad{Guid.NewGuid():N}.db"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => new ExperimentImporter(target).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(await target.QueryAsync(new ExperimentQuery()));
    }

    [Fact]
    public async Task ImportFromDirectory_MissingFile_ThrowsNamingIt()
    {
        using var target = await SqliteExperimentStore.OpenAsync(_directory.File("missing.db"));
        var folder = _directory.File("empty-export");
        Directory.CreateDirectory(folder);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new ExperimentImporter(target).ImportFromDirectoryAsync(folder));

        Assert.Contains(ExperimentExportFiles.State, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_StoreWithoutTransfer_ReadsThroughContractAndImportsIntoSqlite()
    {
        var memory = new InMemoryExperimentStore(_clock);
        var seed = await memory.CreateAsync(ExperimentSamples.Draft("seed", kind: ExperimentKind.Seed));
        var child = await memory.CreateAsync(ExperimentSamples.Draft("child", parent: seed.Index));
        await memory.UpdateAsync(ExperimentSamples.Filled(child) with { Status = ExperimentStatus.Implemented });
        await memory.SetPoolAsync([child.Index]);
        await memory.AppendInteractionAsync(new ModelInteraction { ExperimentIndex = child.Index, Role = "r", Step = "s", RequestHash = "h", Request = "q", Response = "a" });
        using var output = new MemoryStream();

        await new ExperimentExporter(memory, _clock).ExportAsync(output);
        using var target = await SqliteExperimentStore.OpenAsync(_directory.File("from-memory.db"));
        await new ExperimentImporter(target).ImportAsync(new MemoryStream(output.ToArray()));

        StructuralAssert.Equal(await memory.QueryAsync(new ExperimentQuery()), await target.QueryAsync(new ExperimentQuery()));
        Assert.Equal([child.Index], await target.GetPoolAsync());
        StructuralAssert.Equal(await memory.GetInteractionsAsync(child.Index), await target.GetInteractionsAsync(child.Index));
    }

    [Fact]
    public async Task Import_StoreWithoutTransfer_ThrowsNotSupported()
    {
        var document = new ExperimentExportDocument();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => new ExperimentImporter(new InMemoryExperimentStore()).ImportAsync(document));

        Assert.Contains(nameof(AsiArch.Sdk.Storage.IExperimentStoreTransfer), error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<SqliteExperimentStore> PopulatedStoreAsync(string file)
    {
        var store = await SqliteExperimentStore.OpenAsync(_directory.File(file), _clock);
        var seed = await store.CreateAsync(ExperimentSamples.Draft("seed", kind: ExperimentKind.Seed));
        var child = await store.CreateAsync(ExperimentSamples.Draft("child", parent: seed.Index));
        var failed = await store.CreateAsync(ExperimentSamples.Draft("failed", parent: seed.Index));
        await store.CreateAsync(ExperimentSamples.Draft("grandchild", parent: child.Index));
        await store.CreateAsync(ExperimentSamples.Draft("baseline", kind: ExperimentKind.Baseline));

        var done = ExperimentSamples.Filled(child, score: 2.25);
        foreach (var status in new[] { ExperimentStatus.Implemented, ExperimentStatus.Validated, ExperimentStatus.Training, ExperimentStatus.Evaluated, ExperimentStatus.Analyzed, ExperimentStatus.Done })
        {
            _clock.Advance(TimeSpan.FromSeconds(1.25));
            done = await store.UpdateAsync(done with { Status = status });
        }

        await store.UpdateAsync(failed with
        {
            Status = ExperimentStatus.Failed,
            Failure = new ExperimentFailure(FailureKind.CompileError, "CS0103", ["Layer.cs(1,1): error CS0103: name 'x' does not exist"]),
            Log = "compiler said no",
        });
        await store.SetPoolAsync([child.Index, seed.Index]);
        await store.AppendInteractionAsync(new ModelInteraction
        {
            ExperimentIndex = child.Index, Role = "researcher", Step = "plan", RequestHash = "h1", Request = "[...]", Response = "ok",
            Model = "m", Usage = new TokenUsage { InputTokens = 5, OutputTokens = 7, Cost = 0.01m },
        });
        await store.AppendInteractionAsync(new ModelInteraction { Role = "summarizer", Step = "summary", RequestHash = "h2", Request = "r", Response = "s" });
        await store.SetRunValueAsync("stopReason", "budget");
        await store.SetRunValueAsync("baseline:Smoke:7", "{\"loss\":3.1}");
        return store;
    }
}
