using AsiArch.Cli.Commands;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Slurm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Cli.Tests.Commands;

public sealed class RunCommandCompositionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("asiarch-run-").FullName;

    [Fact]
    public async Task ComposeServices_NoLlmConfigured_UsesOfflineAgents()
    {
        await using var provider = RunCommand.ComposeServices(Db(), Configuration([]));

        Assert.IsType<EvolutionaryResearcher>(provider.GetRequiredService<IResearcher>());
        Assert.NotNull(provider.GetRequiredService<DiscoveryLoop>());
    }

    [Fact]
    public async Task ComposeServices_LlmProviderConfigured_UsesChatClientAgents()
    {
        var keyVariable = $"ASIARCH_TEST_KEY_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(keyVariable, "test-key");
        try
        {
            await using var provider = RunCommand.ComposeServices(Db(), Configuration(new()
            {
                ["AsiArch:Llm:Provider"] = "OpenAI",
                ["AsiArch:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
                ["AsiArch:Llm:Model"] = "test-model",
                ["AsiArch:Llm:ApiKeyVariable"] = keyVariable,
            }));

            Assert.IsType<ChatClientResearcher>(provider.GetRequiredService<IResearcher>());
            Assert.NotNull(provider.GetRequiredService<DiscoveryLoop>());
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyVariable, null);
        }
    }

    [Fact]
    public void ComposeServices_LlmKeyVariableUnset_ThrowsNamingTheVariable()
    {
        var keyVariable = $"ASIARCH_TEST_MISSING_{Guid.NewGuid():N}";
        var ex = Assert.Throws<InvalidOperationException>(() => RunCommand.ComposeServices(Db(), Configuration(new()
        {
            ["AsiArch:Llm:Provider"] = "OpenAI",
            ["AsiArch:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["AsiArch:Llm:Model"] = "test-model",
            ["AsiArch:Llm:ApiKeyVariable"] = keyVariable,
        })));

        Assert.Contains(keyVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeServices_SlurmBackendConfigured_TrainsThroughSlurm()
    {
        await using var provider = RunCommand.ComposeServices(Db(), Configuration(new()
        {
            ["AsiArch:Training:Backend"] = "Slurm",
            ["AsiArch:Slurm:SharedDirectory"] = Path.Combine(_directory, "shared"),
        }));

        Assert.IsType<SlurmTrainer>(provider.GetRequiredService<ITrainer>());
    }

    [Fact]
    public void ComposeServices_UnknownBackend_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => RunCommand.ComposeServices(Db(), Configuration(new()
        {
            ["AsiArch:Training:Backend"] = "Kubernetes",
        })));

        Assert.Contains("AsiArch:Training:Backend", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Db() => Path.Combine(_directory, "run.db");

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
