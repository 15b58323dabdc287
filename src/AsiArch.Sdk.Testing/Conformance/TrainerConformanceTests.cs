using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="ITrainer"/> must show: one result per benchmark of the profile, in profile order,
/// with finite metrics; the profile name and seed echoed; cancellation honoured before and during training; invalid
/// profiles rejected. Derive and implement <see cref="CreateTrainer"/>; override <see cref="CreateRequest"/> when your
/// trainer needs a real compiled artifact (the default uses <see cref="RoleSamples.FakeArtifact"/>). Trainers that are
/// <see cref="IDisposable"/> are disposed after each test (a sandboxed trainer stops the workers it started ahead).
/// </summary>
public abstract class TrainerConformanceTests : IDisposable
{
    private readonly List<IDisposable> _created = [];

    /// <summary>A new trainer for one test.</summary>
    protected abstract ITrainer CreateTrainer();

    /// <summary>Disposes the trainers this test created.</summary>
    public void Dispose()
    {
        foreach (var trainer in _created)
        {
            trainer.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A request that trains for long enough to be cancelled midway (a second or more) when
    /// <paramref name="longRunning"/> is true, and that finishes quickly otherwise.
    /// </summary>
    /// <param name="longRunning">True for the mid-training cancellation test.</param>
    protected virtual TrainingRequest CreateRequest(bool longRunning = false) => new()
    {
        Candidate = RoleSamples.FakeArtifact,
        Profile = longRunning ? RoleSamples.Profile with { Steps = 2_000 } : RoleSamples.Profile,
        Seed = 5,
        Threads = 1,
        RunName = "conformance",
    };

    /// <summary>The result has one finite entry per benchmark, in profile order, and echoes profile and seed.</summary>
    [Fact]
    public async Task TrainAsync_Request_MeasuresEveryBenchmarkInProfileOrder()
    {
        var request = CreateRequest();
        var result = await Trainer().TrainAsync(request);

        Assert.True(result.Succeeded, $"Training failed: {result.Failure}");
        Assert.Equal(request.Profile.Benchmarks.Select(b => b.Name), result.Tasks.Select(t => t.Task));
        Assert.All(result.Tasks, t =>
        {
            Assert.True(t.ValidationLoss is { } loss && double.IsFinite(loss), $"Task {t.Task} has no finite validation loss.");
            Assert.All(t.Metrics, m => Assert.True(double.IsFinite(m.Value), $"Metric {m.Key} of {t.Task} is not finite."));
        });
        Assert.Equal(request.Profile.Name, result.ProfileName);
        Assert.Equal(request.Seed, result.Seed);
    }

    /// <summary>A cancelled token stops training before it starts.</summary>
    [Fact]
    public Task TrainAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var trainer = Trainer();
        var request = CreateRequest();
        return ConformanceAssert.ThrowsWhenCancelledAsync(ct => trainer.TrainAsync(request, null, ct));
    }

    /// <summary>Cancelling while training stops it with <see cref="OperationCanceledException"/> (no result).</summary>
    [Fact]
    public async Task TrainAsync_CancelledWhileTraining_ThrowsOperationCanceled()
    {
        var trainer = Trainer();
        var request = CreateRequest(longRunning: true);
        using var cts = new CancellationTokenSource();
        var progress = new CancellingProgress(cts);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));

        var task = trainer.TrainAsync(request, progress, cts.Token);
        var finished = await Task.WhenAny(task, Task.Delay(ConformanceAssert.CancellationGrace + TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.True(finished == task, "Training did not stop after cancellation.");
        var error = await Record.ExceptionAsync(() => task);
        Assert.True(
            error is OperationCanceledException,
            error is null
                ? "Training ignored cancellation and returned a result."
                : $"Cancelled training must throw OperationCanceledException, not {error.GetType().FullName}: {error.Message}");
    }

    /// <summary>A profile without benchmarks is a contract violation.</summary>
    [Fact]
    public async Task TrainAsync_ProfileWithoutBenchmarks_ThrowsArgumentException()
    {
        var request = CreateRequest();
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => Trainer().TrainAsync(request with { Profile = request.Profile with { Benchmarks = [] } }));
    }

    /// <summary>A null request is a contract violation.</summary>
    [Fact]
    public async Task TrainAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Trainer().TrainAsync(null!));
    }

    private ITrainer Trainer()
    {
        var trainer = CreateTrainer();
        if (trainer is IDisposable disposable)
        {
            _created.Add(disposable);
        }

        return trainer;
    }

    /// <summary>Cancels on the first progress report (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class CancellingProgress(CancellationTokenSource cts) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The test already finished.
            }
        }
    }
}
