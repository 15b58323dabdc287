namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A trainer with configurable results and delays; never runs candidate code. By default every task of the profile
/// gets a validation loss and an <c>accuracy</c> derived deterministically from the source hash and the seed.
/// Tracks calls and the largest number of trainings that ran at once (thread-safe).
/// </summary>
public sealed class FakeTrainer : ITrainer
{
    private readonly TimeProvider _time;
    private int _calls;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Creates the trainer.</summary>
    /// <param name="timeProvider">Clock used for <see cref="Delay"/>; the system clock when null.</param>
    public FakeTrainer(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long each training takes (0 for none).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>How long the training of one request takes; overrides <see cref="Delay"/> when set.</summary>
    public Func<TrainingRequest, TimeSpan>? DelaySelector { get; set; }

    /// <summary>Produces the result; null for the default deterministic metrics.</summary>
    public Func<TrainingRequest, TrainingResult>? ResultFactory { get; set; }

    /// <summary>Progress reports sent per training (evenly spaced steps).</summary>
    public int ProgressReports { get; set; } = 2;

    /// <summary>Number of <see cref="TrainAsync"/> calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Trainings running now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Largest number of trainings observed running at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Every request received, in call order.</summary>
    public List<TrainingRequest> Requests { get; } = [];

    /// <inheritdoc />
    public async Task<TrainingResult> TrainAsync(
        TrainingRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Profile);
        cancellationToken.ThrowIfCancellationRequested();

        // An invalid profile is a contract violation for every trainer, the fake included.
        request.Profile.Validate();
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) &&
               Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            var delay = DelaySelector?.Invoke(request) ?? Delay;
            var reports = Math.Max(0, ProgressReports);
            for (var i = 1; i <= reports; i++)
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay / Math.Max(1, reports), _time, cancellationToken).ConfigureAwait(false);
                }

                progress?.Report(new TrainingProgress
                {
                    Step = i * request.Profile.Steps / reports,
                    TotalSteps = request.Profile.Steps,
                    Loss = 3.0 / i,
                });
            }

            if (reports == 0 && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            return ResultFactory is { } factory ? factory(request) : DefaultResult(request);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// The default result: per task, validation loss 2.0 + u·0.5 and accuracy 0.3 + u·0.5, where u in [0, 1) comes
    /// from the source hash, the task name and the seed.
    /// </summary>
    public static TrainingResult DefaultResult(TrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tasks = request.Profile.Benchmarks.Select(b =>
        {
            var u = Unit($"{request.Candidate.Source.Hash}|{b.Name}|{request.Seed}");
            return new TaskResult
            {
                Task = b.Name,
                ValidationLoss = 2.0 + (u * 0.5),
                Metrics = new Dictionary<string, double> { ["accuracy"] = 0.3 + (u * 0.5) },
                Steps = b.Steps ?? request.Profile.Steps,
                TokensPerSecond = 1000,
            };
        }).ToList();
        return new TrainingResult
        {
            Tasks = tasks,
            Parameters = request.Candidate.Assembly.LongLength,
            ProfileName = request.Profile.Name,
            Seed = request.Seed,
            Sandbox = SandboxLevel.NotRun,
            Duration = TimeSpan.FromSeconds(1),
            Device = "fake",
        };
    }

    /// <summary>A deterministic number in [0, 1) from a text.</summary>
    public static double Unit(string text)
    {
        var hash = CandidateSource.ComputeHash(text);
        return Convert.ToUInt32(hash[..8], 16) / (double)uint.MaxValue * 0.999999;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
