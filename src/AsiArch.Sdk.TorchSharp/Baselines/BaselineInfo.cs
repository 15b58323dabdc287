namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>A human-designed reference mixer: its identity, its source (it seeds runs and goes through the same
/// compile/gate/train path as generated code) and a factory for the compiled-in copy.</summary>
public sealed record BaselineInfo
{
    /// <summary>Short name used in results and on the command line, e.g. "DeltaNet".</summary>
    public required string Name { get; init; }

    /// <summary>Full name of the mixer class, e.g. "AsiArch.Sdk.TorchSharp.Baselines.DeltaNetMixer".</summary>
    public required string TypeName { get; init; }

    /// <summary>One-paragraph description of the design (what it computes, where it comes from).</summary>
    public required string Description { get; init; }

    /// <summary>The complete C# source file of the mixer, exactly as compiled into this library.</summary>
    public required string Source { get; init; }

    /// <summary>Creates the compiled-in mixer (trusted code; generated candidates go through the worker instead).</summary>
    public required MixerFactory Factory { get; init; }
}
