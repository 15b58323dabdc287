namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// The job file the host writes for the worker (<c>probe.json</c> or <c>train.json</c> in the scratch directory). The
/// worker project compiles this same file (a linked source), since it does not reference the core library.
/// </summary>
internal sealed record WorkerJob
{
    /// <summary>Job kind for probing a candidate.</summary>
    public const string ProbeKind = "probe";

    /// <summary>Job kind for training a candidate.</summary>
    public const string TrainKind = "train";

    public required string Kind { get; init; }

    public required string AssemblyPath { get; init; }

    public string? PdbPath { get; init; }

    public required string TypeName { get; init; }

    public required TrainingProfile Profile { get; init; }

    public int Seed { get; init; }

    public int? Threads { get; init; }

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    public string? CacheDirectory { get; init; }

    public double ComplexityThreshold { get; init; } = 1.5;

    public bool MeasureComplexity { get; init; } = true;

    public string? RunName { get; init; }

    /// <summary>
    /// After a probe job that accepts the candidate, keep it loaded and read one more job path from standard input: the
    /// training of the same candidate (the host sends nothing, or closes the input, when it trains elsewhere).
    /// </summary>
    public bool StayForTraining { get; init; }

    /// <summary>Full paths of user benchmark assemblies (trusted code) the worker loads before training.</summary>
    public IReadOnlyList<string> BenchmarkAssemblies { get; init; } = [];

    /// <summary>Folders holding the application's libtorch backend, searched by the worker after its own.</summary>
    public IReadOnlyList<string>? NativeLibraryDirectories { get; init; }
}
