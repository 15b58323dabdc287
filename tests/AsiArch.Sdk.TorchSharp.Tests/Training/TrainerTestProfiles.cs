namespace AsiArch.Sdk.TorchSharp.Tests.Training;

/// <summary>Tiny profiles that keep each trainer test to a fraction of a second.</summary>
internal static class TrainerTestProfiles
{
    /// <summary>A few steps of MQAR on a 1-layer, width-32 model.</summary>
    public static TrainingProfile Tiny(int steps = 12) => new()
    {
        Name = "Tiny",
        NumLayers = 1,
        ModelDim = 32,
        NumHeads = 2,
        ChunkSize = 16,
        SequenceLength = 32,
        BatchSize = 8,
        Steps = steps,
        WarmupSteps = 2,
        LearningRate = 3e-3,
        EvalBatches = 1,
        LossRecordInterval = 3,
        Benchmarks = [new BenchmarkSpec("mqar", 1.0, new Dictionary<string, string> { ["pairs"] = "4", ["vocab"] = "32" })],
    };
}
