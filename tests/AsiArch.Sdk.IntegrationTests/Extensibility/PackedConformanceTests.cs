using System.Globalization;
using System.Xml.Linq;
using AsiArch.Sdk.IntegrationTests.Packaging;

namespace AsiArch.Sdk.IntegrationTests.Extensibility;

/// <summary>
/// A third party's view of the testing package: packs AsiArch.Sdk.Abstractions, AsiArch.Sdk and AsiArch.Sdk.Testing to a
/// local feed (a unique pre-release version, so no stale cached 0.1.0 is used), generates a test project outside the
/// repository that references only the packed AsiArch.Sdk and AsiArch.Sdk.Testing, and runs it: a trivial researcher
/// and cognition store (and the packed SQLite store) pass the conformance suites; a researcher that ignores
/// cancellation and a store that loses a write fail exactly the tests that catch those defects.
/// Slow (a few minutes: three packs, a restore and a build).
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", "Packaging")]
public sealed class PackedConformanceTests : IDisposable
{
    /// <summary>Budget of each dotnet pack / dotnet test; past it the tree is killed and the test fails with the output.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(8);

    private static readonly string[] Projects =
    [
        "src/AsiArch.Sdk.Abstractions/AsiArch.Sdk.Abstractions.csproj",
        "src/AsiArch.Sdk/AsiArch.Sdk.csproj",
        "src/AsiArch.Sdk.Testing/AsiArch.Sdk.Testing.csproj",
    ];

    private static readonly string[] ExpectedBrokenFailures =
    [
        "Consumer.Broken.CancellationIgnoringResearcherTests.ProposeAsync_CancelledToken_ThrowsOperationCanceled",
        "Consumer.Broken.CancellationIgnoringResearcherTests.CheckNoveltyAsync_CancelledToken_ThrowsOperationCanceled",
        "Consumer.Broken.WriteLosingCognitionStoreTests.AddAsync_ExistingId_ReplacesEntry",
    ];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "asiarch-consumer-" + Guid.NewGuid().ToString("N"));

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
    public async Task PackedTestingPackage_ThirdPartyProject_GoodImplementationsPassBrokenOnesFailTheRightTests()
    {
        var root = PackedFeed.RepositoryRoot();
        var version = "0.1.0-conformance." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(feed);
        foreach (var project in Projects)
        {
            var pack = await ProcessRunner.RunAsync("dotnet", root, CommandTimeout, "pack", Path.Combine(root, project), "-c", "Debug", "-o", feed, "--nologo", "-v", "q", $"-p:Version={version}");
            Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n{pack.Output}");
        }

        var consumer = WriteConsumerProject(root, feed, version);
        var good = await ProcessRunner.RunAsync(
            "dotnet", consumer, CommandTimeout, "test", "--nologo", "--filter", "FullyQualifiedName~Consumer.Good", "--logger", "trx;LogFileName=good.trx", "--results-directory", "results");
        Assert.True(good.ExitCode == 0, "The good implementations must pass the packed conformance suites:\n" + Tail(good.Output));
        var passed = TrxOutcomes(Path.Combine(consumer, "results", "good.trx"));
        Assert.Contains(passed, t => t.Key.StartsWith("Consumer.Good.TrivialResearcherTests.", StringComparison.Ordinal) && t.Value == "Passed");
        Assert.Contains(passed, t => t.Key.StartsWith("Consumer.Good.SqliteStoreTests.", StringComparison.Ordinal) && t.Value == "Passed");
        Assert.All(passed, t => Assert.Equal("Passed", t.Value));

        var broken = await ProcessRunner.RunAsync(
            "dotnet", consumer, CommandTimeout, "test", "--nologo", "--no-build", "--filter", "FullyQualifiedName~Consumer.Broken", "--logger", "trx;LogFileName=broken.trx", "--results-directory", "results");
        Assert.NotEqual(0, broken.ExitCode);
        var outcomes = TrxOutcomes(Path.Combine(consumer, "results", "broken.trx"));
        var failed = outcomes.Where(t => t.Value == "Failed").Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ExpectedBrokenFailures.Order(StringComparer.Ordinal), failed);
        Assert.Contains(outcomes, t => t.Key.EndsWith(".ListAsync_SeveralEntries_OrderedById", StringComparison.Ordinal) && t.Value == "Passed");
    }

    private string WriteConsumerProject(string root, string feed, string version)
    {
        var dir = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(dir);
        var versions = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // Packages restore into a private folder; everything already on this machine comes from its NuGet cache.
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" /></config>
              <fallbackPackageFolders><add key="machine" value="{cache}" /></fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AsiArch.Sdk" Version="{version}" />
                <PackageReference Include="AsiArch.Sdk.Testing" Version="{version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{versions["Microsoft.NET.Test.Sdk"]}" />
                <PackageReference Include="xunit" Version="{versions["xunit"]}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{versions["xunit.runner.visualstudio"]}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "global.json"), File.ReadAllText(Path.Combine(root, "global.json")));
        var sources = Path.Combine(root, "tests", "AsiArch.Sdk.IntegrationTests", "Extensibility", "Consumer");
        foreach (var file in Directory.GetFiles(sources, "*.cs.txt"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)[..^".txt".Length]));
        }

        return dir;
    }

    private static Dictionary<string, string> TrxOutcomes(string trx)
    {
        Assert.True(File.Exists(trx), $"No test results at {trx}.");
        var doc = XDocument.Load(trx);
        XNamespace ns = doc.Root!.Name.Namespace;
        return doc.Descendants(ns + "UnitTestResult")
            .GroupBy(r => (string)r.Attribute("testName")!)
            .ToDictionary(g => g.Key, g => g.Any(r => (string?)r.Attribute("outcome") == "Failed") ? "Failed" : (string?)g.First().Attribute("outcome") ?? "", StringComparer.Ordinal);
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
