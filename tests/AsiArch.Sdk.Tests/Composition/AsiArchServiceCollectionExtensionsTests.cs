using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Tests.Composition;

public sealed class AsiArchServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void AddAsiArch_CalledTwice_ReturnsSameBuilderAndRegistersOnce()
    {
        var services = new ServiceCollection();

        var first = services.AddAsiArch();
        var count = services.Count;
        var second = services.AddAsiArch();

        Assert.Same(first, second);
        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void AddAsiArch_CalledTwiceWithStore_StillOneStoreRegistration()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseSqliteExperimentStore(_directory.File("a.db"));
        var validators = services.Count(d => d.ServiceType == typeof(IValidateOptions<SqliteStoreOptions>));
        services.AddAsiArch().UseSqliteExperimentStore(_directory.File("a.db"));

        Assert.Single(services, d => d.ServiceType == typeof(IExperimentStore));
        Assert.Single(services, d => d.ServiceType == typeof(SqliteExperimentStore));
        Assert.Equal(validators, services.Count(d => d.ServiceType == typeof(IValidateOptions<SqliteStoreOptions>)));
    }

    [Fact]
    public void AddAsiArch_NoTimeProvider_RegistersSystemClock()
    {
        using var provider = new ServiceCollection().AddAsiArch().Services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddAsiArch_ExistingTimeProvider_KeepsIt()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);

        using var provider = services.AddAsiArch().Services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void UseResearcher_ThreeOverloads_EachResolvesAndLaterReplacesEarlier()
    {
        var instance = new CallbackResearcher();
        var services = new ServiceCollection();
        var builder = services.AddAsiArch();

        builder.UseResearcher<CallbackResearcherForDi>();
        using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<CallbackResearcherForDi>(provider.GetRequiredService<IResearcher>());
        }

        builder.UseResearcher(instance);
        using (var provider = services.BuildServiceProvider())
        {
            Assert.Same(instance, provider.GetRequiredService<IResearcher>());
        }

        builder.UseResearcher(sp => new ResearcherBuilder(instance).UseTimeout(TimeSpan.FromSeconds(5)).Build(sp));
        using (var provider = services.BuildServiceProvider())
        {
            Assert.IsType<TimeoutResearcher>(provider.GetRequiredService<IResearcher>());
        }

        Assert.Single(services, d => d.ServiceType == typeof(IResearcher));
    }

    [Fact]
    public void UseRoles_EveryRole_Registers()
    {
        var services = new ServiceCollection();
        services.AddAsiArch()
            .UseResearcher(new CallbackResearcher())
            .UseEngineer(_ => null!)
            .UseTrainer(_ => null!)
            .UseAnalyst(_ => null!)
            .UseQualityJudge(_ => null!)
            .UseFitnessScorer(new CallbackFitnessScorer(_ => FitnessResult.Fail(new ExperimentFailure(FailureKind.MissingMetric, "x"))))
            .UseCognitionStore(_ => null!)
            .UseExperimentStore(_ => null!)
            .UseCodeRepairer(_ => null!);

        foreach (var role in new[] { typeof(IResearcher), typeof(IEngineer), typeof(ITrainer), typeof(IAnalyst), typeof(IQualityJudge), typeof(IFitnessScorer), typeof(ICognitionStore), typeof(IExperimentStore), typeof(ICodeRepairer) })
        {
            Assert.Single(services, d => d.ServiceType == role);
        }
    }

    [Fact]
    public async Task UseSqliteExperimentStore_Path_ResolvesWorkingStore()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseSqliteExperimentStore(_directory.File("run.db"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync();
        var store = provider.GetRequiredService<IExperimentStore>();
        var created = await store.CreateAsync(new ExperimentDraft { Name = "x" });

        Assert.IsType<SqliteExperimentStore>(store);
        Assert.Equal(1, created.Index);
        Assert.True(File.Exists(_directory.File("run.db")));
    }

    [Fact]
    public async Task UseSqliteExperimentStore_Configuration_BindsStoreSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AsiArch:Store:Path"] = _directory.File("configured.db"),
            ["AsiArch:Store:BusyTimeout"] = "00:00:07",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsiArch(configuration).UseSqliteExperimentStore();
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync();
        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;

        Assert.Equal(_directory.File("configured.db"), options.Path);
        Assert.Equal(TimeSpan.FromSeconds(7), options.BusyTimeout);
        Assert.Equal(Path.GetFullPath(_directory.File("configured.db")), provider.GetRequiredService<SqliteExperimentStore>().DatabasePath);
    }

    [Fact]
    public async Task UseSqliteExperimentStore_MissingPath_FailsAtStartup()
    {
        var services = new ServiceCollection();
        services.AddAsiArch(new ConfigurationBuilder().Build()).UseSqliteExperimentStore();
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync());

        Assert.Contains("AsiArch:Store:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSqliteExperimentStore_NegativeBusyTimeout_FailsAtStartup()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseSqliteExperimentStore(new SqliteStoreOptions { Path = _directory.File("x.db"), BusyTimeout = TimeSpan.FromSeconds(-1) });
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync());

        Assert.Contains("BusyTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAsiArch_SecondDifferentConfiguration_Throws()
    {
        var services = new ServiceCollection();
        services.AddAsiArch(new ConfigurationBuilder().Build());

        Assert.Throws<InvalidOperationException>(() => services.AddAsiArch(new ConfigurationBuilder().Build()));
    }

    public void Dispose() => _directory.Dispose();

    private sealed class CallbackResearcherForDi : DelegatingResearcher
    {
        public CallbackResearcherForDi()
            : base(new CallbackResearcher())
        {
        }
    }
}
