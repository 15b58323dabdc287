using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using AsiArch.Sdk.Storage.Sqlite;

namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>
/// What a consumer gets from the packages: metadata, symbols and SourceLink; the sandboxed worker inside
/// AsiArch.Sdk.TorchSharp; a fresh console app that adds the packages from a local feed and completes a Smoke experiment
/// in the worker; and the asiarch tool installed from that feed. Slow (a few minutes): it packs five projects.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackagingTests : IClassFixture<PackedFeed>
{
    /// <summary>nuget.org refuses packages over 250 MB.</summary>
    private const long NuGetOrgPackageLimitBytes = 250L * 1000 * 1000;

    private readonly PackedFeed _feed;

    public PackagingTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public async Task Pack_EveryPackage_HasReadmeLicenseSymbolsAndSourceLink()
    {
        AssertPacked();
        foreach (var id in PackedFeed.Projects.Keys)
        {
            var nupkg = _feed.Package(id);
            Assert.True(File.Exists(nupkg), $"{Path.GetFileName(nupkg)} was not produced; feed holds: {string.Join(", ", Directory.GetFiles(_feed.Feed).Select(Path.GetFileName))}");
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
            var repository = metadata.Element(ns + "repository");
            Assert.Equal("https://github.com/asiarch/asiarch-sdk", repository?.Attribute("url")?.Value?.Replace(".git", "", StringComparison.Ordinal));
            Assert.False(string.IsNullOrEmpty(repository?.Attribute("commit")?.Value), $"{id}: no commit in <repository> (SourceLink)");

            var snupkg = Path.ChangeExtension(nupkg, ".snupkg");
            Assert.True(File.Exists(snupkg), $"{id}: no symbol package");
            using var symbols = ZipFile.OpenRead(snupkg);
            var pdb = symbols.Entries.FirstOrDefault(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
            Assert.NotNull(pdb);
            using var pdbStream = new MemoryStream();
            await pdb.Open().CopyToAsync(pdbStream);
            // The SourceLink map is stored uncompressed in the portable PDB.
            Assert.Contains("raw.githubusercontent.com/asiarch/asiarch-sdk", Encoding.UTF8.GetString(pdbStream.ToArray()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pack_TorchSharp_ShipsTheWorkerFromTheSameBuildWithoutLibTorch()
    {
        AssertPacked();
        using var zip = ZipFile.OpenRead(_feed.Package("AsiArch.Sdk.TorchSharp"));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        foreach (var file in new[] { "AsiArch.Sdk.Worker.dll", "AsiArch.Sdk.Worker.deps.json", "AsiArch.Sdk.Worker.runtimeconfig.json", "TorchSharp.dll", "runtimes/linux-x64/native/libLibTorchSharp.so" })
        {
            Assert.Contains("worker/" + file, names);
        }

        Assert.Contains("buildTransitive/AsiArch.Sdk.TorchSharp.targets", names);
        Assert.DoesNotContain(names, n => Path.GetFileName(n).StartsWith("libtorch", StringComparison.Ordinal) || Path.GetFileName(n).StartsWith("libc10", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("libSkiaSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("lib/", StringComparison.Ordinal) && n.Contains("Worker", StringComparison.Ordinal));

        // Same build: the worker's copy of the library is the package's library, byte for byte.
        Assert.Equal(Bytes(zip, "lib/net10.0/AsiArch.Sdk.TorchSharp.dll"), Bytes(zip, "worker/AsiArch.Sdk.TorchSharp.dll"));
    }

    [Fact]
    public void Pack_Tool_FitsNuGetOrgAndLeavesOutLibrariesTorchSharpNeverLoads()
    {
        AssertPacked();
        var tool = _feed.Package("asiarch");
        Assert.True(new FileInfo(tool).Length < NuGetOrgPackageLimitBytes, $"the asiarch tool package is {new FileInfo(tool).Length:N0} bytes, over nuget.org's 250 MB limit");
        using var zip = ZipFile.OpenRead(tool);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Single(names, n => n.EndsWith("/libtorch_cpu.so", StringComparison.Ordinal));
        Assert.Contains("tools/net10.0/any/AsiArch.Sdk.Worker.dll", names);
        Assert.DoesNotContain(names, n => n.EndsWith("/libtorch_python.so", StringComparison.Ordinal) || n.Contains("/linux-musl-riscv64/", StringComparison.Ordinal));

        // The deps file must not list what was left out, or the host refuses to start.
        using var deps = new StreamReader(zip.GetEntry("tools/net10.0/any/AsiArch.Cli.deps.json")!.Open());
        Assert.DoesNotContain("libtorch_python.so", deps.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolInstall_FromTheFeed_HelpListsTheCommandsAndAMissingDatabaseExitsOne()
    {
        AssertPacked();
        var tools = Path.Combine(_feed.Consumer, "tools");
        var install = await ProcessRunner.RunAsync(
            "dotnet", _feed.Consumer, TimeSpan.FromMinutes(5), "tool", "install", "asiarch", "--tool-path", tools, "--version", _feed.Version);
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);
        var asiarch = Path.Combine(tools, "asiarch");
        var help = await ProcessRunner.RunAsync(asiarch, _feed.Consumer, TimeSpan.FromMinutes(1), "--help");
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (var command in new[] { "run", "check", "top", "show", "lineage", "report", "baselines", "cognition" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }

        var missing = await ProcessRunner.RunAsync(asiarch, _feed.Consumer, TimeSpan.FromMinutes(1), "top", "--db", Path.Combine(_feed.Consumer, "none.db"));
        Assert.Equal(1, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(_feed.Consumer, "none.db")));
    }

    [Fact]
    public async Task ConsumerApp_AddsThePackagesFromTheFeed_CompletesASmokeExperimentInThePackagedWorker()
    {
        AssertPacked();
        var app = Path.Combine(_feed.Consumer, "app");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "app.csproj"), ConsumerApp.Project);
        (string Id, string Version)[] packages =
        [
            ("AsiArch.Sdk", _feed.Version),
            ("AsiArch.Sdk.TorchSharp", _feed.Version),
            ("libtorch-cpu-linux-x64", _feed.CentralVersion("libtorch-cpu-linux-x64")),
            ("Microsoft.Extensions.DependencyInjection", _feed.CentralVersion("Microsoft.Extensions.DependencyInjection")),
            ("Microsoft.Extensions.Configuration", _feed.CentralVersion("Microsoft.Extensions.Configuration")),
        ];
        foreach (var (id, version) in packages)
        {
            var add = await ProcessRunner.RunAsync("dotnet", app, TimeSpan.FromMinutes(5), "add", "package", id, "--version", version);
            Assert.True(add.ExitCode == 0, $"dotnet add package {id} failed:\n{add.Output}");
        }

        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsumerApp.Program);
        var publish = await ProcessRunner.RunAsync("dotnet", app, TimeSpan.FromMinutes(8), "publish", "-c", "Release", "-o", "pub", "--nologo", "-v", "q");
        Assert.True(publish.ExitCode == 0, "dotnet publish failed:\n" + publish.Output);

        // The package put the worker into both outputs, beside the app, without a libtorch of its own.
        foreach (var output in new[] { Path.Combine(app, "bin", "Release", "net10.0"), Path.Combine(app, "pub") })
        {
            var worker = Path.Combine(output, "asiarch-worker");
            Assert.True(File.Exists(Path.Combine(worker, "AsiArch.Sdk.Worker.dll")), $"no worker in {worker}");
            Assert.True(File.Exists(Path.Combine(worker, "AsiArch.Sdk.Worker.deps.json")), $"no worker deps file in {worker}");
            Assert.Empty(Directory.EnumerateFiles(worker, "libtorch*", SearchOption.AllDirectories));
            Assert.False(File.Exists(Path.Combine(output, "AsiArch.Sdk.Worker.dll")));
        }

        var database = Path.Combine(_feed.Consumer, "run", "consumer.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var run = await ProcessRunner.RunAsync("dotnet", app, TimeSpan.FromMinutes(8), Path.Combine(app, "pub", "app.dll"), database);
        Assert.True(run.ExitCode == 0, "the consumer app failed:\n" + run.Output);
        Assert.Contains("RunStoppedEvent", run.Output, StringComparison.Ordinal);

        using var store = await SqliteExperimentStore.OpenAsync(database);
        var seed = Assert.Single(await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Seed] }));
        Assert.True(seed.Status == ExperimentStatus.Done, $"the DeltaNet seed ended {seed.Status}: {seed.Failure}");
        Assert.True(seed.Result is { Succeeded: true, Tasks.Count: > 0 }, "the seed has no measured result");
        Assert.Equal(seed.Sandbox, seed.Result.Sandbox);

        // The offline candidate went through compile, gate, probes and training in the same worker: it either finished or
        // was rejected for something in its own code, never for the worker's start, a kill or a timeout.
        var candidate = Assert.Single(await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] }));
        Assert.True(
            candidate.Status == ExperimentStatus.Done
            || (candidate.Status == ExperimentStatus.Failed && candidate.Failure!.Kind is not (FailureKind.Crashed or FailureKind.Timeout or FailureKind.OutOfMemory)),
            $"the candidate ended {candidate.Status}: {candidate.Failure}");
    }

    private void AssertPacked() => Assert.True(_feed.PackFailures.Count == 0, string.Join("\n\n", _feed.PackFailures));

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)?.Open() ?? throw new Xunit.Sdk.XunitException($"{entry} is missing from the package");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
