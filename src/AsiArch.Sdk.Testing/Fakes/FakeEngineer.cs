using System.Text;

namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// An engineer driven by callbacks. By default implementation "compiles" the source to its UTF-8 bytes and reports
/// probes whose fingerprint ignores comments and whitespace (see <see cref="Fingerprint"/>), and evaluation trains
/// through the given trainer (a <see cref="FakeTrainer"/> when none).
/// </summary>
public sealed class FakeEngineer : IEngineer
{
    private int _implementCalls;
    private int _evaluateCalls;

    /// <summary>Creates the engineer.</summary>
    /// <param name="trainer">Trainer used by the default evaluation.</param>
    public FakeEngineer(ITrainer? trainer = null)
    {
        Trainer = trainer ?? new FakeTrainer();
    }

    /// <summary>The trainer used by the default evaluation.</summary>
    public ITrainer Trainer { get; }

    /// <summary>Called for <see cref="ImplementAsync"/>; null for the default.</summary>
    public Func<ImplementationRequest, CancellationToken, Task<ImplementationResult>>? ImplementCallback { get; set; }

    /// <summary>Called for <see cref="EvaluateAsync"/>; null for the default.</summary>
    public Func<EvaluationRequest, IProgress<TrainingProgress>?, CancellationToken, Task<EvaluationResult>>? EvaluateCallback { get; set; }

    /// <summary>Number of <see cref="ImplementAsync"/> calls.</summary>
    public int ImplementCalls => Volatile.Read(ref _implementCalls);

    /// <summary>Number of <see cref="EvaluateAsync"/> calls.</summary>
    public int EvaluateCalls => Volatile.Read(ref _evaluateCalls);

    /// <inheritdoc />
    public async Task<ImplementationResult> ImplementAsync(ImplementationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _implementCalls);
        if (ImplementCallback is { } callback)
        {
            return await callback(request, cancellationToken).ConfigureAwait(false);
        }

        var source = request.Proposal.Source;
        return new ImplementationResult
        {
            FinalSource = source,
            Artifact = CreateArtifact(source),
            Probes = new ProbeReport
            {
                Causal = true,
                BatchIndependent = true,
                ComplexityExponent = 1.0,
                Parameters = source.Code.Length,
                Fingerprint = Fingerprint(source.Code),
            },
            Sandbox = SandboxLevel.NotRun,
        };
    }

    /// <inheritdoc />
    public async Task<EvaluationResult> EvaluateAsync(
        EvaluationRequest request,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _evaluateCalls);
        if (EvaluateCallback is { } callback)
        {
            return await callback(request, progress, cancellationToken).ConfigureAwait(false);
        }

        var result = await Trainer.TrainAsync(
            new TrainingRequest
            {
                Candidate = request.Artifact,
                Profile = request.Profile,
                Seed = request.Seed,
                Threads = request.Threads,
                RunName = request.Proposal.Name,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        return new EvaluationResult
        {
            FinalArtifact = request.Artifact,
            Training = result.Succeeded ? result : null,
            Failure = result.Failure,
        };
    }

    /// <summary>The fake artifact of a source: its UTF-8 bytes.</summary>
    public static CandidateArtifact CreateArtifact(CandidateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CandidateArtifact { Source = source, Assembly = Encoding.UTF8.GetBytes(source.Code), TypeName = "Fake.Mixer" };
    }

    /// <summary>
    /// The fake structural fingerprint: the hash of the source's non-comment lines with whitespace removed, so renaming
    /// comments keeps it (as functionally identical code keeps a real fingerprint).
    /// </summary>
    public static string Fingerprint(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lines = code.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        return CandidateSource.ComputeHash(string.Concat(lines).Replace(" ", "", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey) ?? Trainer.GetService(serviceType, serviceKey);
}
