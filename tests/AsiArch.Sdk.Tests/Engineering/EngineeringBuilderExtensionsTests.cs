using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Tests.Engineering;

public sealed class EngineeringBuilderExtensionsTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void UseDefaultEngineer_WithRegisteredTrainer_ResolvesEngineerOverThatTrainer()
    {
        var services = new ServiceCollection();
        var trainer = new CallbackTrainer(_ => new TrainingResult());
        services.AddAsiArch(Config(new() { ["AsiArch:Engineer:MaxRepairAttempts"] = "5" })).UseTrainer(trainer).UseDefaultEngineer();
        using var provider = services.BuildServiceProvider();

        var engineer = provider.GetRequiredService<IEngineer>();

        Assert.IsType<Engineer>(engineer);
        Assert.Same(trainer, engineer.GetService(typeof(CallbackTrainer)));
        Assert.Equal(5, provider.GetRequiredService<IOptions<EngineerOptions>>().Value.MaxRepairAttempts);
        var client = Assert.IsType<WorkerClient>(engineer.GetService(typeof(ICandidateProber)));
        // The trainings go to the registered trainer: no probed worker waits for one.
        Assert.False(client.TrainsInProbedWorker);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UseDefaultEngineer_WithoutTrainerOrWithSandboxedTrainer_TrainsInTheProbedWorker(bool sandboxedTrainer)
    {
        var services = new ServiceCollection();
        var builder = services.AddAsiArch(Config(new()));
        (sandboxedTrainer ? builder.UseSandboxedTrainer() : builder).UseDefaultEngineer();
        using var provider = services.BuildServiceProvider();

        var engineer = provider.GetRequiredService<IEngineer>();

        Assert.True(Assert.IsType<WorkerClient>(engineer.GetService(typeof(ICandidateProber))).TrainsInProbedWorker);
    }

    [Fact]
    public void UseSandboxedTrainer_BindsSandboxOptionsFromConfiguration()
    {
        var services = new ServiceCollection();
        services.AddAsiArch(Config(new() { ["AsiArch:Engineer:Sandbox:RequireOsSandbox"] = "true", ["AsiArch:Engineer:Sandbox:MaxProcesses"] = "64" }))
            .UseSandboxedTrainer(o => o.Threads = 1);
        using var provider = services.BuildServiceProvider();

        var trainer = provider.GetRequiredService<ITrainer>();
        var options = provider.GetRequiredService<IOptions<SandboxOptions>>().Value;

        Assert.IsType<SandboxedTrainer>(trainer);
        Assert.True(options.RequireOsSandbox);
        Assert.Equal(64, options.MaxProcesses);
        Assert.Equal(1, options.Threads);
    }

    [Fact]
    public void UseSandboxedTrainer_InvalidMemoryLimit_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddAsiArch(Config(new() { ["AsiArch:Engineer:Sandbox:MemoryLimitBytes"] = "1000" })).UseSandboxedTrainer();
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SandboxOptions>>().Value);
    }
}
