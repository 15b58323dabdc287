namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>An analyst driven by a callback; by default a short report naming the experiment and its parent.</summary>
public sealed class FakeAnalyst : IAnalyst
{
    private int _calls;

    /// <summary>Called for <see cref="AnalyzeAsync"/>; null for the default.</summary>
    public Func<AnalysisRequest, CancellationToken, Task<AnalysisReport>>? AnalyzeCallback { get; set; }

    /// <summary>Number of calls so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Every request received, in call order.</summary>
    public List<AnalysisRequest> Requests { get; } = [];

    /// <inheritdoc />
    public async Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        if (AnalyzeCallback is { } callback)
        {
            return await callback(request, cancellationToken).ConfigureAwait(false);
        }

        var name = request.Experiment.Name;
        return new AnalysisReport
        {
            DesignEvaluation = $"{name} changes its parent {request.Parent?.Name ?? "(none)"}.",
            ResultsAnalysis = $"{name} scored {request.Experiment.Fitness?.Total:0.000}.",
            ExpectationVsReality = "As expected.",
            TheoreticalExplanation = "Fake analysis.",
            SynthesisAndInsights = "Keep exploring.",
            Usage = new TokenUsage { InputTokens = 200, OutputTokens = 100 },
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);
}
