using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Discovery;

/// <summary>
/// Settings of <see cref="DiscoveryLoop"/>, bound from <c>AsiArch:Loop</c>. Defaults follow ASI-ARCH (pool of 50, parent
/// from ranks 1-10, 4 references from ranks 11-50, cold start 200, batched pool updates every 50, 10 re-plans).
/// </summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AsiArch:Loop";

    /// <summary>Candidate pool capacity (top N by fitness).</summary>
    [Range(1, 100_000)]
    public int PoolSize { get; set; } = 50;

    /// <summary>The parent is drawn uniformly from pool ranks 1..ParentRanks.</summary>
    [Range(1, 100_000)]
    public int ParentRanks { get; set; } = 10;

    /// <summary>References drawn uniformly (without replacement) from ranks ParentRanks+1..PoolSize.</summary>
    [Range(0, 1000)]
    public int ReferenceCount { get; set; } = 4;

    /// <summary>Evaluated candidates before the first pool update (ASI-ARCH: 200); see <see cref="PoolSchedule"/>.</summary>
    [Range(0, 1_000_000)]
    public int ColdStart { get; set; } = 200;

    /// <summary>Evaluated candidates between batched pool updates (ASI-ARCH: 50).</summary>
    [Range(1, 1_000_000)]
    public int PoolUpdateInterval { get; set; } = 50;

    /// <summary>Scale cold start and update interval down when the run has a small experiment budget.</summary>
    public bool ScaleScheduleToBudget { get; set; } = true;

    /// <summary>How the parent is chosen.</summary>
    public SelectionStrategy Selection { get; set; } = SelectionStrategy.Uniform;

    /// <summary>UCT exploration constant c.</summary>
    [Range(0, 100)]
    public double UctExploration { get; set; } = 1.414;

    /// <summary>Similar earlier motivations shown to the novelty check (ASI-ARCH: 5).</summary>
    [Range(1, 100)]
    public int NoveltyNeighbors { get; set; } = 5;

    /// <summary>Re-plans after a duplicate verdict before the round gives up (ASI-ARCH: 10 attempts).</summary>
    [Range(0, 100)]
    public int MaxReplans { get; set; } = 10;

    /// <summary>Concurrent training slots; null picks from the machine (see <see cref="SlotPlan"/>).</summary>
    [Range(1, 1024)]
    public int? TrainingSlots { get; set; }

    /// <summary>Torch threads per slot; null gives cores / slots (never oversubscribed).</summary>
    [Range(1, 1024)]
    public int? ThreadsPerSlot { get; set; }

    /// <summary>Validated candidates that may wait for a slot (the proposal look-ahead); null means one per slot.</summary>
    [Range(1, 1024)]
    public int? QueueCapacity { get; set; }

    /// <summary>
    /// How long a loop's lease on an experiment lasts without a heartbeat when the store coordinates several loop
    /// processes (<see cref="IExperimentCoordination"/>, e.g. PostgreSQL); renewed every third of it. Another loop takes
    /// an experiment over once its lease has expired, so it must exceed the longest pause of a live process.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "LeaseDuration must be between 1 second and 1 day.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Stop after this many proposal rounds (candidates) in the store; null for no limit.</summary>
    [Range(0, int.MaxValue)]
    public int? MaxExperiments { get; set; }

    /// <summary>Stop proposing after this wall time of one <c>RunAsync</c> call.</summary>
    public TimeSpan? MaxWallTime { get; set; }

    /// <summary>Stop proposing after this much worker compute over the whole run, in hours.</summary>
    [Range(0, double.MaxValue)]
    public double? MaxComputeHours { get; set; }

    /// <summary>Stop proposing after this many model tokens over the whole run.</summary>
    [Range(0, long.MaxValue)]
    public long? MaxTokens { get; set; }

    /// <summary>Stop proposing after this much model money over the whole run.</summary>
    [Range(typeof(decimal), "0", "79228162514264337593543950335")]
    public decimal? MaxCost { get; set; }

    /// <summary>Seed architectures the run starts from (names in the <see cref="ISeedCatalog"/>; ASI-ARCH: DeltaNet).</summary>
    public List<string> Seeds { get; set; } = ["DeltaNet"];

    /// <summary>Human baselines measured for comparison; null measures every catalog entry that is not a seed.</summary>
    public List<string>? Baselines { get; set; }

    /// <summary>The baseline fitness is relative to; null for the first seed (as ASI-ARCH).</summary>
    public string? ReferenceBaseline { get; set; }

    /// <summary>Candidates promoted to the verification stage at the end of exploration (0 disables it).</summary>
    [Range(0, 1000)]
    public int PromotionTopK { get; set; } = 3;

    /// <summary>Profile of the verification stage.</summary>
    [Required]
    public string VerificationProfile { get; set; } = "Verify";

    /// <summary>Seeds per promoted candidate and baseline on the verification profile (at least 2 for a test).</summary>
    [Range(2, 100)]
    public int VerificationSeeds { get; set; } = 3;

    /// <summary>What the significance test compares.</summary>
    public VerificationMetric VerificationMetric { get; set; } = VerificationMetric.Benchmark;

    /// <summary>Significance level of the one-sided Welch t-test.</summary>
    [Range(1e-9, 0.5)]
    public double SignificanceLevel { get; set; } = 0.05;

    /// <summary>Retrieved cognition entries per research context and per analysis (ASI-ARCH: 3).</summary>
    [Range(0, 100)]
    public int CognitionHits { get; set; } = 3;
}
