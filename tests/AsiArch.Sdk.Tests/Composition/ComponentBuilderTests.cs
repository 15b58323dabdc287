using System.Diagnostics;
using AsiArch.Sdk.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsiArch.Sdk.Tests.Composition;

public sealed class ComponentBuilderTests
{
    private static readonly ResearchContext Context = new() { ExperimentIndex = 42 };

    [Fact]
    public async Task Build_TwoStages_FirstAddedIsOutermost()
    {
        var log = new List<string>();
        var inner = new CallbackResearcher(propose: (_, _) =>
        {
            log.Add("inner");
            return Task.FromResult(CallbackResearcher.SampleProposal);
        });

        var researcher = new ResearcherBuilder(inner)
            .Use(r => new TaggingResearcher(r, "first", log))
            .Use(r => new TaggingResearcher(r, "second", log))
            .Build();
        await researcher.ProposeAsync(Context);

        Assert.Equal(["first", "second", "inner"], log);
    }

    [Fact]
    public void Build_FactoryInner_ResolvesFromServices()
    {
        var inner = new CallbackResearcher();
        var services = new ServiceCollection()
            .AddSingleton<IResearcher>(inner)
            .BuildServiceProvider();

        var built = new ResearcherBuilder(sp => (IResearcher)sp.GetService(typeof(IResearcher))!).Build(services);

        Assert.Same(inner, built);
    }

    [Fact]
    public async Task UseTimeout_SlowInner_ThrowsTimeoutNamingRoleAndCancelsInner()
    {
        var innerCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new CallbackResearcher(propose: async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                innerCancelled.TrySetResult(true);
                throw;
            }

            return CallbackResearcher.SampleProposal;
        });
        var researcher = new ResearcherBuilder(inner).UseTimeout(TimeSpan.FromMilliseconds(50)).Build();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => researcher.ProposeAsync(Context));

        Assert.Contains("researcher", error.Message, StringComparison.Ordinal);
        Assert.Contains("propose", error.Message, StringComparison.Ordinal);
        Assert.True(await innerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(researcher.GetService<TimeoutResearcher>());
    }

    [Fact]
    public async Task UseTimeout_InnerIgnoresToken_StillThrowsTimeout()
    {
        var never = new TaskCompletionSource<Proposal>();
        var researcher = new ResearcherBuilder(new CallbackResearcher(propose: (_, _) => never.Task))
            .UseTimeout(TimeSpan.FromMilliseconds(50))
            .Build();

        await Assert.ThrowsAsync<TimeoutException>(() => researcher.ProposeAsync(Context));
    }

    [Fact]
    public async Task UseTimeout_CallerCancels_ThrowsCancellationNotTimeout()
    {
        var inner = new CallbackResearcher(propose: async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return CallbackResearcher.SampleProposal;
        });
        var researcher = new ResearcherBuilder(inner).UseTimeout(TimeSpan.FromMinutes(5)).Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => researcher.ProposeAsync(Context, cts.Token));

        Assert.IsNotType<TimeoutException>(error);
    }

    [Fact]
    public async Task UseTimeout_FastInner_ReturnsResult()
    {
        var researcher = new ResearcherBuilder(new CallbackResearcher()).UseTimeout(TimeSpan.FromMinutes(1)).Build();

        var proposal = await researcher.ProposeAsync(Context);

        Assert.Same(CallbackResearcher.SampleProposal, proposal);
    }

    [Fact]
    public void UseTimeout_NonPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResearcherBuilder(new CallbackResearcher()).UseTimeout(TimeSpan.Zero));
    }

    [Fact]
    public async Task UseLogging_DebugLevel_LogsCallsWithoutPromptOrCode()
    {
        using var provider = new CapturingLoggerProvider(LogLevel.Debug);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var researcher = new ResearcherBuilder(new CallbackResearcher()).UseLogging(factory).Build();

        await researcher.ProposeAsync(Context);

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("researcher propose invoked", StringComparison.Ordinal));
        Assert.Contains(provider.Entries, e => e.Message.Contains("researcher propose completed", StringComparison.Ordinal));
        Assert.DoesNotContain(provider.Entries, e => e.Message.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseLogging_TraceLevel_LogsResponseWithCode()
    {
        using var provider = new CapturingLoggerProvider(LogLevel.Trace);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var researcher = new ResearcherBuilder(new CallbackResearcher()).UseLogging(factory).Build();

        await researcher.ProposeAsync(Context);

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("SECRET-CODE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseLogging_InnerThrows_LogsErrorAndRethrows()
    {
        using var provider = new CapturingLoggerProvider(LogLevel.Debug);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var researcher = new ResearcherBuilder(new CallbackResearcher(propose: (_, _) => throw new InvalidOperationException("boom")))
            .UseLogging(factory)
            .Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => researcher.ProposeAsync(Context));

        var error = Assert.Single(provider.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("boom", error.Exception?.Message);
    }

    [Fact]
    public async Task UseLogging_ReturnedFailure_LogsKindAtInformation()
    {
        using var provider = new CapturingLoggerProvider(LogLevel.Information);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var scorer = new FitnessScorerBuilder(new CallbackFitnessScorer(_ => FitnessResult.Fail(new ExperimentFailure(FailureKind.MissingMetric, "no loss"))))
            .UseLogging(factory)
            .Build();

        await scorer.ScoreAsync(SampleFitnessRequest());

        Assert.Contains(provider.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("MissingMetric", StringComparison.Ordinal));
    }

    [Fact]
    public void UseLogging_NoLoggerFactoryAnywhere_SkipsStage()
    {
        var inner = new CallbackResearcher();

        var built = new ResearcherBuilder(inner).UseLogging().Build();

        Assert.Same(inner, built);
    }

    [Fact]
    public async Task UseOpenTelemetry_Call_EmitsSpanWithTags()
    {
        var source = "test-" + Guid.NewGuid().ToString("N");
        using var capture = new ActivityCapture(source);
        var researcher = new ResearcherBuilder(new CallbackResearcher()).UseOpenTelemetry(source).Build();

        await researcher.ProposeAsync(Context);

        var span = Assert.Single(capture.Stopped);
        Assert.Equal("researcher.propose", span.DisplayName);
        Assert.Equal("researcher", span.GetTagItem(AsiArchTelemetry.RoleTag));
        Assert.Equal("propose", span.GetTagItem(AsiArchTelemetry.OperationTag));
        Assert.Equal(42L, span.GetTagItem(AsiArchTelemetry.ExperimentIndexTag));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task UseOpenTelemetry_InnerThrows_RecordsError()
    {
        var source = "test-" + Guid.NewGuid().ToString("N");
        using var capture = new ActivityCapture(source);
        var researcher = new ResearcherBuilder(new CallbackResearcher(propose: (_, _) => throw new InvalidOperationException("boom")))
            .UseOpenTelemetry(source)
            .Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => researcher.ProposeAsync(Context));

        var span = Assert.Single(capture.Stopped);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem(AsiArchTelemetry.ErrorTypeTag));
        Assert.Contains(span.Events, e => e.Name == "exception");
    }

    [Fact]
    public async Task UseOpenTelemetry_FitnessResult_TagsTotal()
    {
        var source = "test-" + Guid.NewGuid().ToString("N");
        using var capture = new ActivityCapture(source);
        var scorer = new FitnessScorerBuilder(new CallbackFitnessScorer(_ => FitnessResult.Success(Testing.Conformance.ExperimentSamples.Fitness(2.25))))
            .UseOpenTelemetry(source)
            .Build();

        await scorer.ScoreAsync(SampleFitnessRequest());

        Assert.Equal(2.25, Assert.Single(capture.Stopped).GetTagItem(AsiArchTelemetry.FitnessTotalTag));
    }

    [Fact]
    public void GetService_Pipeline_FindsEveryDecoratorAndInner()
    {
        using var factory = LoggerFactory.Create(b => b.AddProvider(new CapturingLoggerProvider(LogLevel.Debug)));
        var inner = new CallbackResearcher();

        var pipeline = new ResearcherBuilder(inner).UseLogging(factory).UseOpenTelemetry().UseTimeout(TimeSpan.FromSeconds(1)).Build();

        Assert.IsType<LoggingResearcher>(pipeline);
        Assert.NotNull(pipeline.GetService<OpenTelemetryResearcher>());
        Assert.NotNull(pipeline.GetService<TimeoutResearcher>());
        Assert.Same(inner, pipeline.GetService<CallbackResearcher>());
    }

    private static FitnessRequest SampleFitnessRequest() => new()
    {
        Result = new TrainingResult(),
        Profile = TrainingProfiles.Smoke,
        Baseline = new BaselineReference { Name = "DeltaNet", Loss = 3, BenchmarkScore = 0.5 },
    };

    private sealed class ActivityCapture : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];

        public ActivityCapture(string sourceName)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == sourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_stopped)
                    {
                        _stopped.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
