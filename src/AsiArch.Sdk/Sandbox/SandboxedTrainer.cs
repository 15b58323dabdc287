namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// An <see cref="ITrainer"/> that trains every candidate in the sandboxed worker process, so untrusted code never runs
/// in the host. Timeouts, memory kills and crashes come back as <see cref="TrainingResult.Failure"/>.
/// </summary>
public sealed class SandboxedTrainer : ITrainer, IDisposable
{
    private readonly WorkerClient _client;
    private readonly bool _ownsClient;

    /// <summary>Creates a trainer over <paramref name="client"/>.</summary>
    public SandboxedTrainer(WorkerClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Creates a trainer with its own worker client (disposed with the trainer).</summary>
    public SandboxedTrainer(SandboxOptions? options = null)
        : this(new WorkerClient(options))
    {
        _ownsClient = true;
    }

    /// <summary>Disposes the worker client when this trainer created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <inheritdoc />
    public async Task<TrainingResult> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Profile.Validate();
        var outcome = await _client.TrainAsync(request, progress, cancellationToken).ConfigureAwait(false);
        if (outcome.Training is { } training)
        {
            return training with
            {
                Sandbox = outcome.Sandbox,
                PeakMemoryBytes = Math.Max(training.PeakMemoryBytes, outcome.PeakMemoryBytes),
                Failure = training.Failure ?? outcome.Failure,
            };
        }

        return new TrainingResult
        {
            Failure = outcome.Failure ?? new ExperimentFailure(FailureKind.Crashed, "The worker returned neither a training result nor a failure."),
            Sandbox = outcome.Sandbox,
            PeakMemoryBytes = outcome.PeakMemoryBytes,
            Duration = outcome.Duration,
            ProfileName = request.Profile.Name,
            Seed = request.Seed,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : serviceKey is null && serviceType == typeof(WorkerClient) ? _client
        : null;
}
