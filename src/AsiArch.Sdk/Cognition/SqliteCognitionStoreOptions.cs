using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Cognition;

/// <summary>Settings of <see cref="SqliteCognitionStore"/>.</summary>
public sealed class SqliteCognitionStoreOptions
{
    /// <summary>Database file (may be the run's experiment database; the store keeps to its <c>cognition_*</c> tables).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "";

    /// <summary>How long a write waits for another connection to release the lock.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Buckets of the built-in hashing embedder.</summary>
    [Range(16, 65536)]
    public int HashingDimensions { get; set; } = 1024;

    /// <summary>Weight of the lexical (BM25) ranking in the reciprocal-rank fusion; the embedding ranking gets 1 − this.</summary>
    [Range(0.0, 1.0)]
    public double LexicalWeight { get; set; } = 0.6;
}
