using AsiArch.Sdk.Offline;

namespace AsiArch.Sdk.Tests.Offline;

/// <summary>Builders of experiment records for the offline tests.</summary>
internal static class OfflineFixtures
{
    public static FitnessScore Score(double total) => new()
    {
        Total = total,
        LossComponent = total / 3,
        BenchmarkComponent = total / 3,
        JudgeComponent = total / 3,
    };

    public static TrainingResult Result(double mqarAccuracy, double lmLoss, double tokensPerSecond = 1000) => new()
    {
        Tasks =
        [
            new TaskResult { Task = "mqar", Metrics = new Dictionary<string, double> { ["accuracy"] = mqarAccuracy } },
            new TaskResult { Task = "lm", ValidationLoss = lmLoss },
        ],
        TokensPerSecond = tokensPerSecond,
    };

    public static ExperimentRecord Record(
        long index,
        LinearAttentionGenome genome,
        double? fitness = null,
        long? parent = null,
        EvolutionOperator? op = null,
        ExperimentStatus status = ExperimentStatus.Done,
        TrainingResult? result = null,
        ExperimentKind kind = ExperimentKind.Candidate) => new()
    {
        Index = index,
        Parent = parent,
        Name = $"{genome.ShortName()}_{index}",
        Kind = kind,
        Status = status,
        Program = GenomeSourceRenderer.Render(genome).Code,
        DesignSpec = new DesignSpecDocument { Genome = genome, Operator = op, ParentIndex = parent }.ToJson(),
        Fitness = fitness is { } f ? Score(f) : null,
        Result = result,
    };
}
