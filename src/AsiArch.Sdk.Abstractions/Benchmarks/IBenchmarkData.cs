namespace AsiArch.Sdk;

/// <summary>Prepared data of one benchmark: an endless training stream and a fixed held-out set.</summary>
public interface IBenchmarkData
{
    /// <summary>Token ids are in [0, VocabSize).</summary>
    int VocabSize { get; }

    /// <summary>The next training batch (deterministic for the setup's seed and call order).</summary>
    TokenBatch NextTrainingBatch(int batchSize);

    /// <summary>Held-out batches, identical on every call and disjoint from the training stream.</summary>
    IReadOnlyList<TokenBatch> ValidationBatches(int batchSize, int count);
}
