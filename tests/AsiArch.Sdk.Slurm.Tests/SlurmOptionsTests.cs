using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Engineering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Slurm.Tests;

public sealed class SlurmOptionsTests
{
    [Theory]
    [InlineData("relative/dir", "SharedDirectory")]
    [InlineData("", "SharedDirectory")]
    public void Validate_BadSharedDirectory_NamesTheSetting(string directory, string expected)
    {
        var error = new SlurmOptions { SharedDirectory = directory }.Validate();

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PartitionWithShellCharacters_IsRejected()
    {
        var error = new SlurmOptions { SharedDirectory = "/s", Partition = "gpu; rm -rf /" }.Validate();

        Assert.Contains("Partition", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExtraLineThatIsNotAnOption_IsRejected()
    {
        var options = new SlurmOptions { SharedDirectory = "/s" };
        options.ExtraSbatchLines.Add("rm -rf /");

        Assert.Contains("ExtraSbatchLines", options.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidRange_ThrowsWithTheMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new SlurmTrainer(new SlurmOptions { SharedDirectory = "/s", CpusPerTask = 0 }));

        Assert.Contains("CpusPerTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseSlurmTrainer_Configuration_BindsAsiArchSlurmAndRegistersTheTrainer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Slurm:SharedDirectory"] = "/shared/runs",
            ["AsiArch:Slurm:Partition"] = "gpu",
            ["AsiArch:Slurm:GpusPerJob"] = "1",
            ["AsiArch:Slurm:TimeLimit"] = "00:30:00",
            ["AsiArch:Slurm:ExtraSbatchLines:0"] = "--qos=high",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseSlurmTrainer(o => o.MemoryMegabytes = 2048);
        using var provider = services.BuildServiceProvider();

        var trainer = Assert.IsType<SlurmTrainer>(provider.GetRequiredService<ITrainer>());
        var options = Assert.IsType<SlurmOptions>(trainer.GetService(typeof(SlurmOptions)));

        Assert.Equal("/shared/runs", options.SharedDirectory);
        Assert.Equal("gpu", options.Partition);
        Assert.Equal(1, options.GpusPerJob);
        Assert.Equal(TimeSpan.FromMinutes(30), options.TimeLimit);
        Assert.Equal(2048, options.MemoryMegabytes);
        Assert.Equal(["--qos=high"], options.ExtraSbatchLines);
    }

    [Fact]
    public void UseSlurmTrainer_KeepsNoProbedWorkerWaitingForALocalTraining()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Engineer:Sandbox:TrainInProbedWorker"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseDefaultEngineer().UseSlurmTrainer();
        using var provider = services.BuildServiceProvider();

        var sandbox = provider.GetRequiredService<IOptions<AsiArch.Sdk.Sandbox.SandboxOptions>>().Value;

        Assert.False(sandbox.TrainInProbedWorker);
    }

    [Fact]
    public void UseSlurmTrainer_MissingSharedDirectory_FailsValidationWithTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAsiArch(new ConfigurationBuilder().Build()).UseSlurmTrainer();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlurmOptions>>().Value);

        Assert.Contains("SharedDirectory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "SandboxedTrainer")]
    [InlineData("Local", "SandboxedTrainer")]
    [InlineData("slurm", "SlurmTrainer")]
    public void UseTrainerBackend_ConfiguredBackend_RegistersThatTrainer(string? backend, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Training:Backend"] = backend,
            ["AsiArch:Slurm:SharedDirectory"] = "/shared/runs",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseTrainerBackend();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(expected, provider.GetRequiredService<ITrainer>().GetType().Name);
    }

    [Fact]
    public void UseTrainerBackend_UnknownBackend_ThrowsNamingTheChoices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AsiArch:Training:Backend"] = "Kubernetes" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAsiArch(configuration).UseTrainerBackend());

        Assert.Contains("Local, Slurm", error.Message, StringComparison.Ordinal);
    }
}
