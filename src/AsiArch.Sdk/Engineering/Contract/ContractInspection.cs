namespace AsiArch.Sdk.Engineering.Contract;

/// <summary>The outcome of <see cref="ContractInspector"/>: the mixer type name, or a contract failure.</summary>
/// <param name="TypeName">Full metadata name of the mixer class, when found.</param>
/// <param name="Failure">A <see cref="FailureKind.ContractViolation"/> failure, or null.</param>
public sealed record ContractInspection(string? TypeName, ExperimentFailure? Failure);
