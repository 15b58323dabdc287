namespace AsiArch.Sdk.IntegrationTests.Packaging;

/// <summary>The fresh console app of the packaging test: the loop composed the way the README shows, about ten lines.</summary>
internal static class ConsumerApp
{
    public const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>Seeds the run with DeltaNet (no other baselines), then one offline candidate, all on Smoke.</summary>
    public const string Program = """
        using AsiArch.Sdk;
        using AsiArch.Sdk.Composition;
        using AsiArch.Sdk.Discovery;
        using AsiArch.Sdk.Engineering;
        using AsiArch.Sdk.Offline;
        using AsiArch.Sdk.TorchSharp.Baselines;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Loop:TrainingSlots"] = "1", ["AsiArch:Loop:ThreadsPerSlot"] = "2", ["AsiArch:Loop:PromotionTopK"] = "0",
        }).Build();
        var seed = BaselineCatalog.Get("DeltaNet");
        var services = new ServiceCollection().AddSingleton<ISeedCatalog>(new SeedCatalog([new SeedArchitecture(seed.Name, seed.Source, seed.Description)]));
        services.AddAsiArch(configuration).UseSqliteExperimentStore(args[0]).UseOfflineAgents().UseSandboxedTrainer().UseDefaultEngineer();
        services.AddDiscoveryLoop(configuration);
        await using var provider = services.BuildServiceProvider();
        var request = new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 1, MaxExperiments = 1, Promote = false };
        await foreach (var e in provider.GetRequiredService<DiscoveryLoop>().RunAsync(request))
            Console.WriteLine(e.GetType().Name);
        """;
}
