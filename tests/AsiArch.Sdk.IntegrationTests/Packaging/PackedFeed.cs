using System.Xml.Linq;

namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>
/// Packs every shipped package once per test class into a local folder feed, with a version unique to this run (so no
/// package cache can serve a stale build), and writes a nuget.config that takes AsiArch packages from that feed only and
/// everything else from the machine's configured sources. Restores go to a private packages folder that falls back on
/// the user's package cache, so third-party packages are not downloaded again.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>Package id -> project that packs it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>
    {
        ["AsiArch.Sdk.Abstractions"] = "src/AsiArch.Sdk.Abstractions/AsiArch.Sdk.Abstractions.csproj",
        ["AsiArch.Sdk"] = "src/AsiArch.Sdk/AsiArch.Sdk.csproj",
        ["AsiArch.Sdk.TorchSharp"] = "src/AsiArch.Sdk.TorchSharp/AsiArch.Sdk.TorchSharp.csproj",
        ["AsiArch.Sdk.Reporting"] = "src/AsiArch.Sdk.Reporting/AsiArch.Sdk.Reporting.csproj",
        ["asiarch"] = "src/AsiArch.Cli/AsiArch.Cli.csproj",
    };

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public string Root { get; } = RepositoryRoot();

    public string Work { get; } = Path.Combine(Path.GetTempPath(), "asiarch-pack-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(Work, "feed");

    /// <summary>Where consumers live: its nuget.config applies to them only, never to the repository's own restores.</summary>
    public string Consumer => Path.Combine(Work, "consumer");

    /// <summary>0.1.0 with a prerelease label unique to this run; assemblies keep their version (no rebuild).</summary>
    public string Version { get; } = "0.1.0-test" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Output of every pack that failed, empty when all succeeded.</summary>
    public List<string> PackFailures { get; } = [];

    public string Package(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The version central package management pins for <paramref name="id"/> (so restores hit the cache).</summary>
    public string CentralVersion(string id)
    {
        var props = XDocument.Load(Path.Combine(Root, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Consumer);
        Directory.CreateDirectory(Path.Combine(Work, "pack"));
        WriteNuGetConfig();

        // One pack of a solution filter: one restore and evaluation for all five (a pack per project takes 4x longer).
        // One node, so the worker that AsiArch.Sdk.TorchSharp publishes is not built twice at once by the tool's reference.
        var filter = Path.Combine(Work, "pack", "packages.slnf");
        await File.WriteAllTextAsync(
            filter,
            System.Text.Json.JsonSerializer.Serialize(new { solution = new { path = Path.Combine(Root, "AsiArch.Sdk.sln"), projects = Projects.Values } }));
        var pack = await ProcessRunner.RunAsync(
            "dotnet", Root, TimeSpan.FromMinutes(10),
            "pack", filter, "-c", Configuration, "-o", Feed, "--nologo", "-v", "q", "-m:1", $"-p:PackageVersion={Version}");
        if (pack.ExitCode != 0)
        {
            PackFailures.Add($"dotnet pack of {string.Join(", ", Projects.Values)} failed:\n{pack.Output}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }

        return Task.CompletedTask;
    }

    private void WriteNuGetConfig()
    {
        // The machine's configured sources (the repository's nuget.config) serve third-party packages.
        var repositoryConfig = XDocument.Load(Path.Combine(Root, "nuget.config"));
        var sources = repositoryConfig.Descendants("packageSources").Elements("add")
            .Select(e => (Key: (string)e.Attribute("key")!, Value: (string)e.Attribute("value")!))
            .ToList();
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var config = new XElement(
            "configuration",
            new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(Consumer, "packages")))),
            new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "user-cache"), new XAttribute("value", cache))),
            new XElement(
                "packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "asiarch-local"), new XAttribute("value", Feed)),
                sources.Select(s => new XElement("add", new XAttribute("key", s.Key), new XAttribute("value", s.Value)))),
            new XElement(
                "packageSourceMapping",
                new XElement(
                    "packageSource",
                    new XAttribute("key", "asiarch-local"),
                    new XElement("package", new XAttribute("pattern", "AsiArch.*")),
                    new XElement("package", new XAttribute("pattern", "asiarch"))),
                sources.Select(s => new XElement("packageSource", new XAttribute("key", s.Key), new XElement("package", new XAttribute("pattern", "*"))))));
        new XDocument(config).Save(Path.Combine(Consumer, "nuget.config"));
    }

    /// <summary>The folder holding AsiArch.Sdk.sln, found above the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsiArch.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AsiArch.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
