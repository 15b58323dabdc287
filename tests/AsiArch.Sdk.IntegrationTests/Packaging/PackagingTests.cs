using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>
/// Packs every shipped package into a local folder feed, checks what a consumer gets (README, license, symbols,
/// SourceLink, the worker inside AsiArch.Sdk.TorchSharp) and installs the asiarch tool from that feed.
/// Slow (a few minutes): it builds and packs five projects.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackagingTests : IDisposable
{
    private static readonly string[] Packages = ["AsiArch.Sdk.Abstractions", "AsiArch.Sdk", "AsiArch.Sdk.TorchSharp", "AsiArch.Sdk.Reporting", "asiarch"];

    private static readonly Dictionary<string, string> Projects = new()
    {
        ["AsiArch.Sdk.Abstractions"] = "src/AsiArch.Sdk.Abstractions/AsiArch.Sdk.Abstractions.csproj",
        ["AsiArch.Sdk"] = "src/AsiArch.Sdk/AsiArch.Sdk.csproj",
        ["AsiArch.Sdk.TorchSharp"] = "src/AsiArch.Sdk.TorchSharp/AsiArch.Sdk.TorchSharp.csproj",
        ["AsiArch.Sdk.Reporting"] = "src/AsiArch.Sdk.Reporting/AsiArch.Sdk.Reporting.csproj",
        ["asiarch"] = "src/AsiArch.Cli/AsiArch.Cli.csproj",
    };

    private readonly string _work = Path.Combine(Path.GetTempPath(), "asiarch-pack-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Pack_EveryPackage_HasReadmeLicenseSymbolsSourceLinkAndTheToolRuns()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(feed);
        foreach (var project in Projects.Values)
        {
            var pack = await RunAsync("dotnet", root, "pack", Path.Combine(root, project), "-c", "Debug", "-o", feed, "--nologo", "-v", "q");
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}");
        }

        foreach (var id in Packages)
        {
            var nupkg = Path.Combine(feed, $"{id}.0.1.0.nupkg");
            Assert.True(File.Exists(nupkg), $"{id}.0.1.0.nupkg was not produced; feed holds: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
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

        using (var torch = ZipFile.OpenRead(Path.Combine(feed, "AsiArch.Sdk.TorchSharp.0.1.0.nupkg")))
        {
            Assert.True(
                torch.Entries.Any(e => e.Name == "AsiArch.Sdk.Worker.dll"),
                "AsiArch.Sdk.TorchSharp does not ship the sandbox worker (AsiArch.Sdk.Worker.dll); entries: " +
                string.Join(", ", torch.Entries.Select(e => e.FullName)));
        }

        var tools = Path.Combine(_work, "tools");
        var install = await RunAsync(
            "dotnet", _work, "tool", "install", "asiarch", "--tool-path", tools, "--add-source", feed, "--version", "0.1.0", "--ignore-failed-sources");
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);
        var help = await RunAsync(Path.Combine(tools, "asiarch"), _work, "--help");
        Assert.True(help.ExitCode == 0, help.Output);
        foreach (var command in new[] { "top", "show", "lineage", "report", "baselines", "cognition" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }

        var missing = await RunAsync(Path.Combine(tools, "asiarch"), _work, "top", "--db", Path.Combine(_work, "none.db"));
        Assert.Equal(1, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(_work, "none.db")));
    }

    private static string RepositoryRoot()
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

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', args)} timed out.\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
