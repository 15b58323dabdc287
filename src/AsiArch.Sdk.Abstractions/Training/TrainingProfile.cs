namespace AsiArch.Sdk;

/// <summary>
/// A named preset of model size, optimisation and benchmark tasks. Candidates and baselines of one run are compared on
/// the same profile and seeds.
/// </summary>
public sealed record TrainingProfile
{
    /// <summary>Profile name (e.g. <c>Explore</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Backbone blocks.</summary>
    public int NumLayers { get; init; } = 2;

    /// <summary>Model (hidden) width.</summary>
    public int ModelDim { get; init; } = 64;

    /// <summary>Heads given to the mixer.</summary>
    public int NumHeads { get; init; } = 4;

    /// <summary>Chunk size suggested to chunkwise mixers.</summary>
    public int ChunkSize { get; init; } = 32;

    /// <summary>Training sequence length.</summary>
    public int SequenceLength { get; init; } = 128;

    /// <summary>Sequences per optimiser step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Optimiser steps per task (unless a task overrides it).</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Linear warm-up steps.</summary>
    public int WarmupSteps { get; init; } = 20;

    /// <summary>Peak learning rate (AdamW).</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Gradient-norm clip.</summary>
    public double GradientClip { get; init; } = 1.0;

    /// <summary>Schedule after warm-up.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Held-out batches evaluated per task.</summary>
    public int EvalBatches { get; init; } = 4;

    /// <summary>Loss is recorded every this many steps (and at the last step).</summary>
    public int LossRecordInterval { get; init; } = 10;

    /// <summary>The task whose validation loss is the loss term of the fitness.</summary>
    public string LossTask { get; init; } = "lm";

    /// <summary>Mixer parameter budget (one layer); larger candidates are rejected by the probes.</summary>
    public long? MaxMixerParameters { get; init; }

    /// <summary>Wall-clock budget for training one candidate (all tasks); the worker is killed past it.</summary>
    public TimeSpan TrainingTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The benchmark tasks, each trained and evaluated in turn.</summary>
    public IReadOnlyList<BenchmarkSpec> Benchmarks { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"Profile setting {name} must be positive, got {value}.", name);
            }
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        Positive(NumLayers, nameof(NumLayers));
        Positive(ModelDim, nameof(ModelDim));
        Positive(NumHeads, nameof(NumHeads));
        Positive(ChunkSize, nameof(ChunkSize));
        Positive(SequenceLength, nameof(SequenceLength));
        Positive(BatchSize, nameof(BatchSize));
        Positive(Steps, nameof(Steps));
        Positive(EvalBatches, nameof(EvalBatches));
        Positive(LossRecordInterval, nameof(LossRecordInterval));
        if (ModelDim % NumHeads != 0)
        {
            throw new ArgumentException($"ModelDim ({ModelDim}) must be divisible by NumHeads ({NumHeads}).", nameof(ModelDim));
        }

        if (WarmupSteps < 0 || WarmupSteps > Steps)
        {
            throw new ArgumentException($"WarmupSteps must be in [0, Steps], got {WarmupSteps}.", nameof(WarmupSteps));
        }

        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            throw new ArgumentException($"LearningRate must be a positive number, got {LearningRate}.", nameof(LearningRate));
        }

        if (Benchmarks.Count == 0)
        {
            throw new ArgumentException("A profile needs at least one benchmark task.", nameof(Benchmarks));
        }
    }
}
