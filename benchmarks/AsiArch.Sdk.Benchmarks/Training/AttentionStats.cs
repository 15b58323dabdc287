namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>What <see cref="ProbeMixer"/> saw on one forward pass.</summary>
/// <param name="InputRms">RMS of the mixer input.</param>
/// <param name="QRms">RMS of the queries.</param>
/// <param name="KRms">RMS of the keys.</param>
/// <param name="LogitStd">Standard deviation of q·k/√d over the causal (visible) pairs.</param>
/// <param name="MaxLogit">Largest visible logit.</param>
/// <param name="Entropy">Mean attention-row entropy divided by ln(visible keys): 1 is uniform.</param>
internal readonly record struct AttentionStats(double InputRms, double QRms, double KRms, double LogitStd, double MaxLogit, double Entropy);
