using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IQualityJudge"/> must show: finite sub-scores on the 1-10 scale, a reason, a
/// performance score that does not rank a clearly worse result above a better one, honoured cancellation and safe
/// concurrent use. Derive and implement <see cref="CreateJudge"/>.
/// </summary>
public abstract class QualityJudgeConformanceTests
{
    /// <summary>A new judge for one test.</summary>
    protected abstract IQualityJudge CreateJudge();

    /// <summary>A request for an experiment with the given accuracy and loss against the sample baseline.</summary>
    /// <param name="accuracy">The experiment's accuracy.</param>
    /// <param name="loss">The experiment's validation loss.</param>
    protected virtual JudgeRequest CreateRequest(double accuracy = 0.7, double loss = 2.3) => new()
    {
        Experiment = RoleSamples.Evaluated(5, "judged_design", accuracy, loss),
        Baselines = [RoleSamples.Baseline()],
        Neighbors = [RoleSamples.Evaluated(3, "neighbor_design", 0.6, 2.4)],
    };

    /// <summary>Sub-scores are finite and on the 1-10 scale, with a reason.</summary>
    [Fact]
    public async Task JudgeAsync_EvaluatedExperiment_ScoresOnOneToTenScale()
    {
        var judgement = await CreateJudge().JudgeAsync(CreateRequest());

        AssertValid(judgement);
    }

    /// <summary>A clearly better result never gets a lower performance score than a clearly worse one.</summary>
    [Fact]
    public async Task JudgeAsync_BetterResult_PerformanceNotLower()
    {
        var judge = CreateJudge();
        var better = await judge.JudgeAsync(CreateRequest(accuracy: 0.95, loss: 1.8));
        var worse = await judge.JudgeAsync(CreateRequest(accuracy: 0.2, loss: 3.6));

        Assert.True(
            better.Performance >= worse.Performance,
            $"Performance of the better result ({better.Performance}) is below the worse one's ({worse.Performance}).");
    }

    /// <summary>A cancelled token stops the judgement.</summary>
    [Fact]
    public Task JudgeAsync_CancelledToken_ThrowsOperationCanceled()
    {
        var judge = CreateJudge();
        var request = CreateRequest();
        return ConformanceAssert.ThrowsWhenCancelledAsync(ct => judge.JudgeAsync(request, ct));
    }

    /// <summary>A null request is a contract violation.</summary>
    [Fact]
    public async Task JudgeAsync_NullRequest_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateJudge().JudgeAsync(null!));
    }

    /// <summary>One judge serves several experiments at once.</summary>
    [Fact]
    public async Task JudgeAsync_ConcurrentCalls_AllComplete()
    {
        var judge = CreateJudge();
        var judgements = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => judge.JudgeAsync(CreateRequest(0.5 + (i * 0.05), 2.5 - (i * 0.05))))));

        Assert.All(judgements, AssertValid);
    }

    private static void AssertValid(QualityJudgement judgement)
    {
        Assert.NotNull(judgement);
        foreach (var (name, value) in new[] { ("Performance", judgement.Performance), ("Innovation", judgement.Innovation), ("Complexity", judgement.Complexity) })
        {
            Assert.True(double.IsFinite(value) && value is >= 1 and <= 10, $"{name} must be a finite score in [1, 10], got {value}.");
        }

        ConformanceAssert.NotBlank(judgement.Reason, "QualityJudgement.Reason");
    }
}
