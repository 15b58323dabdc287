using System.Reflection;
using AsiArch.Sdk.TorchSharp.Candidates;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp;

/// <summary>
/// Loads a compiled candidate and checks the mixer contract: exactly one public, sealed, non-abstract class deriving
/// <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c> with a public constructor taking <see cref="MixerOptions"/>.
/// </summary>
/// <remarks>
/// Loading runs the candidate's code (type initialisers, constructors). Generated code is untrusted: call this only
/// inside the sandboxed worker process, never in the host that runs the discovery loop.
/// </remarks>
public static class MixerLoader
{
    private const string Contract =
        "A candidate must define exactly one public sealed class deriving torch.nn.Module<Tensor, Tensor> with a public "
        + "constructor taking MixerOptions, e.g. 'public sealed class MyMixer : nn.Module<Tensor, Tensor> { public "
        + "MyMixer(MixerOptions options) : base(nameof(MyMixer)) { ... RegisterComponents(); } public override Tensor "
        + "forward(Tensor x) { ... } }'.";

    /// <summary>Loads the candidate into a new collectible load context and finds its mixer class.</summary>
    /// <param name="assembly">The compiled assembly image.</param>
    /// <param name="pdb">Its portable PDB (gives line numbers in stack traces), or null.</param>
    /// <param name="typeName">The mixer's full or simple name when the assembly defines several public mixers; null
    /// to require exactly one.</param>
    /// <returns>The loaded mixer; dispose it to unload.</returns>
    /// <exception cref="MixerContractException">The bytes are not an assembly or break the contract.</exception>
    public static LoadedMixer Load(byte[] assembly, byte[]? pdb, string? typeName = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var context = new CandidateLoadContext("asiarch-candidate");
        try
        {
            var loaded = LoadAssembly(context, assembly, pdb);
            var (type, constructor) = FindMixer(loaded, typeName);
            return new LoadedMixer(context, type, constructor);
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    private static Assembly LoadAssembly(CandidateLoadContext context, byte[] assembly, byte[]? pdb)
    {
        try
        {
            using var image = new MemoryStream(assembly, writable: false);
            using var symbols = pdb is null ? null : new MemoryStream(pdb, writable: false);
            return context.LoadFromStream(image, symbols);
        }
        catch (BadImageFormatException ex)
        {
            throw new MixerContractException(
                MixerContractViolation.InvalidAssembly,
                $"The compiled candidate is not a valid .NET assembly ({ex.Message}). Compile the source as a class library.",
                ex);
        }
    }

    private static (Type Type, ConstructorInfo Constructor) FindMixer(Assembly assembly, string? typeName)
    {
        Type[] exported;
        try
        {
            exported = assembly.GetExportedTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or TypeLoadException or FileNotFoundException or FileLoadException)
        {
            var detail = ex is ReflectionTypeLoadException rtl
                ? string.Join("; ", rtl.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct())
                : ex.Message;
            throw new MixerContractException(
                MixerContractViolation.TypeLoadFailure,
                $"The candidate's types could not be loaded: {detail}. Use only TorchSharp, the BCL and AsiArch.Sdk.TorchSharp.",
                ex);
        }

        var mixers = exported.Where(IsMixerClass).ToList();
        if (typeName is not null)
        {
            var match = mixers.Where(t => t.FullName == typeName || t.Name == typeName).ToList();
            if (match.Count != 1)
            {
                throw new MixerContractException(
                    MixerContractViolation.TypeNotFound,
                    $"The candidate has no public mixer class named '{typeName}'. Public mixer classes found: "
                    + Describe(mixers) + ". " + Contract);
            }

            mixers = match;
        }

        if (mixers.Count == 0)
        {
            var others = exported.Where(t => t.IsClass).Select(Describe).ToList();
            throw new MixerContractException(
                MixerContractViolation.NoMixerType,
                "The candidate defines no public non-abstract class deriving torch.nn.Module<Tensor, Tensor>. Public classes found: "
                + (others.Count == 0 ? "none" : string.Join(", ", others)) + ". " + Contract);
        }

        if (mixers.Count > 1)
        {
            throw new MixerContractException(
                MixerContractViolation.MultipleMixerTypes,
                $"The candidate defines {mixers.Count} public mixer classes ({Describe(mixers)}); exactly one is allowed. "
                + "Make helper modules internal (or private nested classes) and keep one public sealed mixer. " + Contract);
        }

        var type = mixers[0];
        if (!type.IsSealed)
        {
            throw new MixerContractException(
                MixerContractViolation.NotSealed,
                $"The mixer class '{type.Name}' must be sealed: declare it 'public sealed class {type.Name}'. " + Contract);
        }

        var constructor = type.GetConstructor([typeof(MixerOptions)]);
        if (constructor is null || !constructor.IsPublic)
        {
            var found = type.GetConstructors().Select(c => $"({string.Join(", ", c.GetParameters().Select(p => p.ParameterType.Name))})");
            throw new MixerContractException(
                MixerContractViolation.MissingConstructor,
                $"The mixer class '{type.Name}' needs a public constructor '{type.Name}(MixerOptions options)'. Public constructors found: "
                + (found.Any() ? string.Join(", ", found) : "none") + ". " + Contract);
        }

        return (type, constructor);
    }

    private static bool IsMixerClass(Type t) =>
        t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        && typeof(nn.Module<Tensor, Tensor>).IsAssignableFrom(t);

    private static string Describe(IReadOnlyCollection<Type> types) =>
        types.Count == 0 ? "none" : string.Join(", ", types.Select(Describe));

    private static string Describe(Type t) => $"{t.FullName} (derives {t.BaseType?.Name ?? "nothing"})";
}
