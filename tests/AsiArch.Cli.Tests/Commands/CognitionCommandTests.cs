using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk;
using AsiArch.Sdk.Cognition;
using Newtonsoft.Json.Linq;

namespace AsiArch.Cli.Tests.Commands;

public sealed class CognitionCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Document(params (string Id, string Triggers)[] entries) => new CognitionDocument
    {
        Entries = entries.Select(e => new CognitionEntry
        {
            Id = e.Id,
            TriggerPatterns = e.Triggers,
            DesignInsight = "Insight for " + e.Id,
            Source = new CognitionSource { Title = "Paper " + e.Id, ArxivId = "2406.06484" },
        }).ToList(),
    }.ToJson();

    [Fact]
    public async Task AddListSearchExport_RoundTrip()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var file = _dir.File("in.json");
        await File.WriteAllTextAsync(file, Document(("delta-rule", "poor associative recall on mqar with many key value pairs"), ("conv", "weak local token mixing, n-gram patterns")));

        var add = await CliHarness.RunAsync("cognition", "add", "--db", db, "--file", file);
        var list = await CliHarness.RunAsync("cognition", "list", "--db", db, "--json");
        var search = await CliHarness.RunAsync("cognition", "search", "associative recall mqar", "--db", db, "-k", "1", "--json");
        var export = await CliHarness.RunAsync("cognition", "export", "--db", db);

        Assert.Equal(0, add.ExitCode);
        Assert.Contains("Added 2 cognition entries", add.Output, StringComparison.Ordinal);
        Assert.Equal(["conv", "delta-rule"], JArray.Parse(list.Output).Select(e => e["id"]!.Value<string>()).Order());
        Assert.Equal("delta-rule", JArray.Parse(search.Output).Single()["entry"]!["id"]!.Value<string>());
        Assert.Equal(2, CognitionDocument.Parse(export.Output).Entries.Count);
    }

    [Fact]
    public async Task Add_InvalidDocument_FailsAndCreatesNoDatabase()
    {
        var db = _dir.File("new.db");
        var file = _dir.File("bad.json");
        await File.WriteAllTextAsync(file, """{"format":"something-else","entries":[]}""");

        var run = await CliHarness.RunAsync("cognition", "add", "--db", db, "--file", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a cognition document", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public async Task Add_MissingFile_FailsClearly()
    {
        var run = await CliHarness.RunAsync("cognition", "add", "--db", _dir.File("x.db"), "--file", _dir.File("missing.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Could not read", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("x.db")));
    }

    [Fact]
    public async Task Add_NeitherFileNorPaper_ExitsWithUsage()
    {
        var run = await CliHarness.RunAsync("cognition", "add", "--db", _dir.File("x.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly one of --file", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_PaperWithoutLlm_FailsAndWritesNothing()
    {
        var paper = _dir.File("paper.txt");
        await File.WriteAllTextAsync(paper, "We introduce the delta rule ...");

        var run = await CliHarness.RunAsync("cognition", "add", "--db", _dir.File("x.db"), "--paper", paper);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("needs an LLM", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("x.db")));
    }

    [Fact]
    public async Task Add_PaperWithExtractor_StoresExtractedEntriesWithSource()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        var paper = _dir.File("deltanet.txt");
        await File.WriteAllTextAsync(paper, "We introduce the delta rule for linear transformers ...");
        var extractor = new RecordingExtractor();

        var run = await CliHarness.RunAsync(() => extractor, "cognition", "add", "--db", db, "--paper", paper, "--title", "DeltaNet", "--arxiv", "2406.06484");
        var list = await CliHarness.RunAsync("cognition", "list", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("We introduce the delta rule for linear transformers ...", extractor.Text);
        Assert.Equal("DeltaNet", extractor.Source!.Title);
        var entry = JArray.Parse(list.Output).Single();
        Assert.Equal("deltanet-1", entry["id"]!.Value<string>());
        Assert.Equal("2406.06484", entry["source"]!["arxivId"]!.Value<string>());
    }

    [Fact]
    public async Task List_DatabaseWithoutCognition_IsEmptyAndUntouched()
    {
        var db = await RunFixture.CreateAsync(_dir.File("run.db"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(db);

        var run = await CliHarness.RunAsync("cognition", "list", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(JArray.Parse(run.Output));
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Search_MissingDatabase_FailsAndCreatesNothing()
    {
        var run = await CliHarness.RunAsync("cognition", "search", "recall", "--db", _dir.File("none.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No database at", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("none.db")));
    }

    [Fact]
    public async Task List_CorruptDatabase_FailsAndLeavesFile()
    {
        var db = _dir.File("bad.db");
        await File.WriteAllTextAsync(db, new string('x', 200));

        var run = await CliHarness.RunAsync("cognition", "list", "--db", db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a SQLite database", run.Error, StringComparison.Ordinal);
        Assert.Equal(new string('x', 200), await File.ReadAllTextAsync(db));
    }

    private sealed class RecordingExtractor : ICognitionExtractor
    {
        public string? Text { get; private set; }

        public CognitionSource? Source { get; private set; }

        public Task<IReadOnlyList<CognitionEntry>> ExtractAsync(string paperText, CognitionSource source, CancellationToken cancellationToken = default)
        {
            Text = paperText;
            Source = source;
            IReadOnlyList<CognitionEntry> entries =
            [
                new CognitionEntry { Id = "deltanet-1", TriggerPatterns = "recall degrades with sequence length", DesignInsight = "use the delta rule", Source = source },
            ];
            return Task.FromResult(entries);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;
    }
}
