using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Engineering;

/// <summary>Settings of the default <see cref="Engineer"/>, bound from <c>AsiArch:Engineer</c>.</summary>
public sealed class EngineerOptions
{
    /// <summary>Repair rounds allowed while implementing (compile, gate, probes).</summary>
    [Range(0, 20)]
    public int MaxRepairAttempts { get; set; } = 3;

    /// <summary>Repair rounds allowed after a training failure.</summary>
    [Range(0, 10)]
    public int MaxEvaluationRepairs { get; set; } = 1;
}
