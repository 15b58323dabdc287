namespace AsiArch.Sdk.TorchSharp;

/// <summary>Which rule of the candidate contract a compiled assembly broke.</summary>
public enum MixerContractViolation
{
    /// <summary>The bytes are not a loadable .NET assembly.</summary>
    InvalidAssembly,

    /// <summary>The assembly's types could not be loaded (a missing or incompatible reference).</summary>
    TypeLoadFailure,

    /// <summary>No public non-abstract class derives <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c>.</summary>
    NoMixerType,

    /// <summary>More than one public class qualifies and no type name was given.</summary>
    MultipleMixerTypes,

    /// <summary>The requested type name is not a public mixer class of the assembly.</summary>
    TypeNotFound,

    /// <summary>The mixer class is not sealed.</summary>
    NotSealed,

    /// <summary>The mixer class has no public constructor taking exactly one <see cref="MixerOptions"/>.</summary>
    MissingConstructor,
}
