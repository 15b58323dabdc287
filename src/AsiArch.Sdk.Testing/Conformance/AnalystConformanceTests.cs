using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IAnalyst"/> must show: a report with all five sections, honoured cancellation,
/// argument checks, robustness to missing context and safe concurrent use. Derive and implement
/// <see cref="CreateAnalyst"/>.
/// </summary>
public abstract class AnalystConformanceTests
{
    /// <summary>A new analyst for one test.</summary>
    protected abstract IAnalyst CreateAnalyst();

    /// <summary>The request analysed by the tests (default: an evaluated child of a parent, with a sibling and a baseline).</summary>
    protected virtual AnalysisRequest CreateRequest()
    {
        var baseline = RoleSamples.Baseline();
        var parent = RoleSamples.Evaluated(2, "parent_design", accuracy: 0.55, loss: 2.5);
        var experiment = RoleSamples.Evaluated(5, "child_design", accuracy: 0.7, loss: 2.3, parent: 2) with
        {
            Judgement = new QualityJudgement { Performance = 7, Innovation = 6, Complexity = 9, Reason = "Linear, better recall." },
        };
        return new AnalysisRequest
        {
            Experiment = experiment,
            Parent = parent,
            Grandparent = baseline,
            Siblings = [RoleSamples.Evaluated(4, "sibling_design", accuracy: 0.5, loss: 2.6, parent: 2)],
            Baselines = [baseline],
            Population = [baseline, parent, experiment],
        };
    }

    /// <summary>Every section of the report is written.</summary>
    [Fact]
    public async Task AnalyzeAsync_EvaluatedExperiment_FillsEverySection()
    {
        var report = await CreateAnalyst().AnalyzeAsync(CreateRequest());

        AssertComplete(report);
    }

    /// <summary>An experiment without parent, siblings or baselines still gets a complete report.</summary>
    [Fact]
    public async Task AnalyzeAsync_NoRelatives_StillFillsEverySection()
    {
        var request = CreateRequest();
        var report = await CreateAnalyst().AnalyzeAsync(new AnalysisRequest { Experiment = request.Experiment with { Parent = null } });

        AssertComplete(report);
    }

    /// <summary>A cancelled token stops the analysis.</summary>
    [Fact]
    public Task AnalyzeAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var analyst = CreateAnalyst();
        var request = CreateRequest();
        return ConformanceAssert.ThrowsWhenCancelledAsync(ct => analyst.AnalyzeAsync(request, ct));
    }

    /// <summary>A null request is a contract violation.</summary>
    [Fact]
    public async Task AnalyzeAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateAnalyst().AnalyzeAsync(null!));
    }

    /// <summary>One analyst serves several experiments at once.</summary>
    [Fact]
    public async Task AnalyzeAsync_ConcurrentCalls_AllComplete()
    {
        var analyst = CreateAnalyst();
        var request = CreateRequest();
        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => analyst.AnalyzeAsync(request))));

        Assert.All(reports, AssertComplete);
    }

    private static void AssertComplete(AnalysisReport report)
    {
        Assert.NotNull(report);
        ConformanceAssert.NotBlank(report.DesignEvaluation, "AnalysisReport.DesignEvaluation");
        ConformanceAssert.NotBlank(report.ResultsAnalysis, "AnalysisReport.ResultsAnalysis");
        ConformanceAssert.NotBlank(report.ExpectationVsReality, "AnalysisReport.ExpectationVsReality");
        ConformanceAssert.NotBlank(report.TheoreticalExplanation, "AnalysisReport.TheoreticalExplanation");
        ConformanceAssert.NotBlank(report.SynthesisAndInsights, "AnalysisReport.SynthesisAndInsights");
        Assert.All(report.Insights, i =>
        {
            ConformanceAssert.NotBlank(i.Id, "Insight id");
            ConformanceAssert.NotBlank(i.TriggerPatterns, "Insight trigger patterns");
        });
    }
}
