using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Fitness;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Discovery;

/// <summary>
/// ASI-ARCH's closed research loop (DESIGN.md §4): sample a parent and references from the candidate pool, propose,
/// check novelty, implement, train, score, analyse, store, update the pool; then promote the best candidates to a
/// bigger profile and several seeds and call a candidate a discovery only when a significance test says it beats the
/// best baseline. Every step is committed to the <see cref="IExperimentStore"/> before the next starts, so running it
/// again on the same store resumes every unfinished experiment without repeating a model call or an experiment.
/// </summary>
public sealed class DiscoveryLoop
{
    /// <summary>Creates the loop (the DI registration of <see cref="DiscoveryServiceCollectionExtensions.AddDiscoveryLoop"/> calls this).</summary>
    /// <exception cref="ValidationException">The options are invalid; the message names the setting.</exception>
    /// <exception cref="InvalidFitnessExpressionException">The candidate filter does not compile.</exception>
    public DiscoveryLoop(
        IResearcher researcher,
        IEngineer engineer,
        IAnalyst analyst,
        IExperimentStore store,
        IFitnessScorer fitnessScorer,
        ISeedCatalog seedCatalog,
        DiscoveryOptions? options = null,
        IQualityJudge? judge = null,
        ICognitionStore? cognition = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        FitnessOptions? fitnessOptions = null)
    {
        ArgumentNullException.ThrowIfNull(researcher);
        ArgumentNullException.ThrowIfNull(engineer);
        ArgumentNullException.ThrowIfNull(analyst);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fitnessScorer);
        ArgumentNullException.ThrowIfNull(seedCatalog);
        Researcher = researcher;
        Engineer = engineer;
        Analyst = analyst;
        Store = store;
        FitnessScorer = fitnessScorer;
        SeedCatalog = seedCatalog;
        Options = options ?? new DiscoveryOptions();
        DiscoveryOptionsValidator.ThrowIfInvalid(Options);
        Judge = judge;
        Cognition = cognition;
        Time = timeProvider ?? TimeProvider.System;
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DiscoveryLoop>();
        var filter = fitnessOptions?.CandidateFilter;
        if (!string.IsNullOrWhiteSpace(filter))
        {
            CandidateFilter = FitnessExpression<bool>.Compile(nameof(FitnessOptions.CandidateFilter), filter);
        }
    }

    /// <summary>The options in use.</summary>
    public DiscoveryOptions Options { get; }

    /// <summary>The store the loop commits to.</summary>
    public IExperimentStore Store { get; }

    internal IResearcher Researcher { get; }

    internal IEngineer Engineer { get; }

    internal IAnalyst Analyst { get; }

    internal IFitnessScorer FitnessScorer { get; }

    internal ISeedCatalog SeedCatalog { get; }

    internal IQualityJudge? Judge { get; }

    internal ICognitionStore? Cognition { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal FitnessExpression<bool>? CandidateFilter { get; }

    /// <summary>
    /// Runs (or resumes) discovery on the store until a budget is used or <paramref name="cancellationToken"/> asks it to
    /// stop: no new proposals, running work finishes, the stop reason is recorded. Cancelling the enumeration itself
    /// (<c>WithCancellation</c>) aborts at once, leaving unfinished experiments to resume.
    /// </summary>
    public IAsyncEnumerable<DiscoveryEvent> RunAsync(DiscoveryRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, cancellationToken, CancellationToken.None);

    /// <summary>
    /// Runs (or resumes) discovery with two tokens: <paramref name="stopToken"/> stops cleanly (the first Ctrl+C),
    /// <paramref name="abortToken"/> aborts running work (the second); every experiment stays at its last commit.
    /// </summary>
    public IAsyncEnumerable<DiscoveryEvent> RunAsync(DiscoveryRequest request, CancellationToken stopToken, CancellationToken abortToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Profile);
        request.Profile.Validate();
        request.VerificationProfile?.Validate();
        return RunCoreAsync(request, stopToken, abortToken);
    }

    private async IAsyncEnumerable<DiscoveryEvent> RunCoreAsync(
        DiscoveryRequest request,
        CancellationToken stopToken,
        CancellationToken abortToken,
        [EnumeratorCancellation] CancellationToken enumeratorToken = default)
    {
        var events = Channel.CreateUnbounded<DiscoveryEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(abortToken, enumeratorToken);
        var run = new DiscoveryRun(this, request, events.Writer, stopToken, abort.Token);
        var task = Task.Run(run.ExecuteAsync, CancellationToken.None);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return e;
            }

            await task.ConfigureAwait(false);
        }
        finally
        {
            if (!task.IsCompleted)
            {
                // The consumer stopped listening: abort and wait so nothing keeps writing after we return.
                await abort.CancelAsync().ConfigureAwait(false);
                await task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
