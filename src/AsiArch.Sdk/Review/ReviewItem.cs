namespace AsiArch.Sdk.Review;

/// <summary>A proposal waiting in (or decided in) a <see cref="ReviewFolder"/>.</summary>
public sealed record ReviewItem
{
    /// <summary>The item's id (its folder name).</summary>
    public required string Id { get; init; }

    /// <summary>The item's folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The proposal's name.</summary>
    public required string Name { get; init; }

    /// <summary>The motivation as it is in the folder now (the reviewer may have edited it).</summary>
    public required string Motivation { get; init; }

    /// <summary>The source as it is in the folder now (the reviewer may have edited it).</summary>
    public required string Source { get; init; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The experiment index it will get, when known.</summary>
    public long? ExperimentIndex { get; init; }
}
