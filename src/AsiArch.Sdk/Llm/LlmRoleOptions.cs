using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Llm;

/// <summary>Per-role settings (<c>AsiArch:Llm:Roles:&lt;role&gt;</c>).</summary>
public sealed class LlmRoleOptions
{
    /// <summary>Model id (deployment name on Azure) for this role; null uses <see cref="LlmOptions.Model"/>.</summary>
    public string? Model { get; set; }

    /// <summary>Sampling temperature for this role; null leaves the provider default.</summary>
    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }
}
