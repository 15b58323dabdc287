namespace AsiArch.Sdk.Composition;

/// <summary>A fitness scorer whose calls are cancelled after a time limit, then fail with a <see cref="TimeoutException"/> naming the role.</summary>
public sealed class TimeoutFitnessScorer : InterceptingFitnessScorer
{
    /// <summary>Wraps <paramref name="innerFitnessScorer"/>.</summary>
    /// <param name="innerFitnessScorer">The fitness scorer to limit.</param>
    /// <param name="timeout">Time limit of one call (positive, or <see cref="Timeout.InfiniteTimeSpan"/>).</param>
    /// <param name="timeProvider">Clock of the limit; the system clock by default.</param>
    public TimeoutFitnessScorer(IFitnessScorer innerFitnessScorer, TimeSpan timeout, TimeProvider? timeProvider = null)
        : base(innerFitnessScorer, new TimeoutInterceptor("fitness_scorer", timeout, timeProvider ?? TimeProvider.System))
    {
    }
}
