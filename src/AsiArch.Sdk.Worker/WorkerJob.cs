namespace AsiArch.Sdk.Worker;

/// <summary>The job file the host writes (<c>job.json</c>); the same JSON shape as the host's <c>AsiArch.Sdk.Sandbox.WorkerJob</c>.</summary>
internal sealed record WorkerJob
{
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
}
