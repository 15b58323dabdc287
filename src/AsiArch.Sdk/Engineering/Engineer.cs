using AsiArch.Sdk.Sandbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Engineering;

/// <summary>
/// The default <see cref="IEngineer"/>: compile -> safety gate -> contract -> sanity probes in the sandboxed worker,
/// with a bounded repair loop through <see cref="ICodeRepairer"/>; evaluation trains through an <see cref="ITrainer"/>
/// (the sandboxed one by default) and repairs runtime failures. Every repair round is recorded.
/// </summary>
public sealed partial class Engineer : IEngineer
{
    private readonly IArtifactBuilder _builder;
    private readonly ICandidateProber _prober;
    private readonly ITrainer _trainer;
    private readonly ICodeRepairer _repairer;
    private readonly EngineerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates an engineer.</summary>
    public Engineer(
        IArtifactBuilder builder,
        ICandidateProber prober,
        ITrainer trainer,
        ICodeRepairer? repairer = null,
        EngineerOptions? options = null,
        ILogger<Engineer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(trainer);
        _builder = builder;
        _prober = prober;
        _trainer = trainer;
        _repairer = repairer ?? NoOpCodeRepairer.Instance;
        _options = options ?? new EngineerOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<ImplementationResult> ImplementAsync(ImplementationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Proposal.Source;
        var attempts = new List<RepairAttempt>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (artifact, probes, failure, sandbox) = await CheckAsync(source, request.Profile, request.Seed, request.Reference, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                LogImplemented(request.Proposal.Name, attempts.Count);
                return new ImplementationResult { Artifact = artifact, FinalSource = source, Probes = probes, Attempts = attempts, Sandbox = sandbox };
            }

            LogCheckFailed(request.Proposal.Name, failure.Kind.ToString(), failure.Message);
            var repaired = attempts.Count < _options.MaxRepairAttempts
                ? await RepairAsync(request.Proposal, request.ExperimentIndex, source, failure, attempts, cancellationToken).ConfigureAwait(false)
                : null;
            if (repaired is null)
            {
                return new ImplementationResult { FinalSource = source, Probes = probes, Failure = failure, Attempts = attempts, Sandbox = sandbox };
            }

            source = repaired;
        }
    }

    /// <inheritdoc />
    public async Task<EvaluationResult> EvaluateAsync(EvaluationRequest request, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var artifact = request.Artifact;
        var attempts = new List<RepairAttempt>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var training = await _trainer.TrainAsync(
                new TrainingRequest { Candidate = artifact, Profile = request.Profile, Seed = request.Seed, RunName = request.Proposal.Name },
                progress,
                cancellationToken).ConfigureAwait(false);
            if (training.Failure is null)
            {
                return new EvaluationResult { Training = training, FinalArtifact = artifact, Attempts = attempts };
            }

            var failure = training.Failure;
            var failedSource = artifact.Source;
            LogTrainingFailed(request.Proposal.Name, failure.Kind.ToString(), failure.Message);
            while (true)
            {
                var repaired = attempts.Count < _options.MaxEvaluationRepairs && IsRepairableTrainingFailure(failure.Kind)
                    ? await RepairAsync(request.Proposal, request.ExperimentIndex, failedSource, failure, attempts, cancellationToken).ConfigureAwait(false)
                    : null;
                if (repaired is null)
                {
                    return new EvaluationResult { Training = training, FinalArtifact = artifact, Failure = failure, Attempts = attempts };
                }

                var check = await CheckAsync(repaired, request.Profile, request.Seed, allowSuperLinear: false, cancellationToken).ConfigureAwait(false);
                if (check.Failure is null)
                {
                    artifact = check.Artifact!;
                    break;
                }

                // The repair broke a static or probe check: that failure is what the next round must fix.
                failure = check.Failure;
                failedSource = repaired;
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_builder) ? _builder
            : serviceType.IsInstanceOfType(_trainer) ? _trainer
            : serviceType.IsInstanceOfType(_repairer) ? _repairer
            : serviceType.IsInstanceOfType(_prober) ? _prober
            : null;
    }

    private static bool IsRepairableTrainingFailure(FailureKind kind) =>
        kind is FailureKind.RuntimeError or FailureKind.NonFinite or FailureKind.OutOfMemory or FailureKind.Timeout or FailureKind.Crashed
            or FailureKind.ContractViolation;

    private async Task<(CandidateArtifact? Artifact, ProbeReport? Probes, ExperimentFailure? Failure, SandboxLevel Sandbox)> CheckAsync(
        CandidateSource source, TrainingProfile profile, int seed, bool allowSuperLinear, CancellationToken cancellationToken)
    {
        var build = _builder.Build(source);
        if (!build.Succeeded)
        {
            return (null, null, build.Failure, SandboxLevel.NotRun);
        }

        var outcome = await _prober.ProbeAsync(build.Artifact!, profile, seed, cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is { Kind: FailureKind.SuperLinear } && allowSuperLinear && outcome.Probes is not null)
        {
            // A reference (softmax attention) is measured for comparison, not gated: every probe before complexity passed.
            LogReferenceSuperLinear(outcome.Probes.ComplexityExponent ?? double.NaN);
            return (build.Artifact, outcome.Probes, null, outcome.Sandbox);
        }

        if (outcome.Failure is not null)
        {
            return (null, outcome.Probes, outcome.Failure, outcome.Sandbox);
        }

        if (outcome.Probes is null)
        {
            return (null, null, new ExperimentFailure(FailureKind.Crashed, "The probes returned no report."), outcome.Sandbox);
        }

        return (build.Artifact, outcome.Probes, null, outcome.Sandbox);
    }

    private async Task<CandidateSource?> RepairAsync(
        Proposal proposal, long? experimentIndex, CandidateSource source, ExperimentFailure failure, List<RepairAttempt> attempts, CancellationToken cancellationToken)
    {
        var result = await _repairer.RepairAsync(
            new RepairRequest
            {
                Proposal = proposal,
                ExperimentIndex = experimentIndex,
                Source = source,
                Failure = failure,
                AttemptNumber = attempts.Count + 1,
                PreviousAttempts = attempts.ToList(),
            },
            cancellationToken).ConfigureAwait(false);
        attempts.Add(new RepairAttempt
        {
            Number = attempts.Count + 1,
            Failure = failure,
            FailedSourceHash = source.Hash,
            RepairedSource = result.Source,
            Usage = result.Usage,
        });
        if (result.Source is null || result.Source.Hash == source.Hash)
        {
            // Giving up, or returning the same code, ends the loop: trying the same source again cannot help.
            return null;
        }

        return result.Source;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reference design grows like T^{Exponent:0.00}; measured for comparison, not rejected")]
    private partial void LogReferenceSuperLinear(double exponent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Implemented {Proposal} after {Repairs} repair(s)")]
    private partial void LogImplemented(string proposal, int repairs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check of {Proposal} failed: {Kind}: {Message}")]
    private partial void LogCheckFailed(string proposal, string kind, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training of {Proposal} failed: {Kind}: {Message}")]
    private partial void LogTrainingFailed(string proposal, string kind, string message);
}
