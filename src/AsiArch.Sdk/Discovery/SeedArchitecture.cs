namespace AsiArch.Sdk.Discovery;

/// <summary>A human-designed architecture the loop can start from or compare with.</summary>
/// <param name="Name">Name, e.g. <c>DeltaNet</c>.</param>
/// <param name="Source">Full mixer source under the candidate contract.</param>
/// <param name="Description">What it is, used as the record's motivation.</param>
public sealed record SeedArchitecture(string Name, string Source, string Description);
