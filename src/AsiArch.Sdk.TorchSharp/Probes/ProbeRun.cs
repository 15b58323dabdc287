namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>The outcome of <see cref="MixerProbes.Run"/>: what was measured, and the first failed check, if any.</summary>
/// <param name="Report">Measurements made up to the failure (all of them when none failed).</param>
/// <param name="Failure">The first failed check, or null.</param>
public sealed record ProbeRun(ProbeReport Report, ExperimentFailure? Failure);
