namespace AsiArch.Sdk;

/// <summary>Training loss at one step.</summary>
/// <param name="Step">1-based optimiser step.</param>
/// <param name="Loss">Mean training loss over the recording window ending at <paramref name="Step"/>.</param>
public readonly record struct LossPoint(int Step, double Loss);
