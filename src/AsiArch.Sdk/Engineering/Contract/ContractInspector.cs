using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsiArch.Sdk.Engineering.Contract;

/// <summary>
/// Checks the candidate contract on the compiled symbols (no code loaded): exactly one public, sealed, non-abstract
/// class deriving <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c>, with a public constructor taking <c>MixerOptions</c>.
/// The worker checks the loaded type again before running it.
/// </summary>
public static class ContractInspector
{
    private const string Shape = "A candidate is one public sealed class deriving torch.nn.Module<Tensor, Tensor> with a public constructor (MixerOptions options) and an override of forward(Tensor x) that maps [batch, time, ModelDim] to the same shape.";

    /// <summary>Finds the mixer class of <paramref name="compilation"/>.</summary>
    public static ContractInspection Inspect(CSharpCompilation compilation)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        var modules = AllTypes(compilation.Assembly.GlobalNamespace)
            .Where(t => t.TypeKind == TypeKind.Class && DerivesFromTensorModule(t))
            .ToList();
        var exposed = modules.Where(t => t.DeclaredAccessibility == Accessibility.Public && t.ContainingType is null).ToList();
        if (exposed.Count == 0)
        {
            return Fail(modules.Count == 0
                ? "No class derives torch.nn.Module<Tensor, Tensor>."
                : $"No public top-level class derives torch.nn.Module<Tensor, Tensor> (found non-public {string.Join(", ", modules.Select(m => m.Name))}).");
        }

        if (exposed.Count > 1)
        {
            return Fail($"Exactly one public mixer class is allowed; found {exposed.Count}: {string.Join(", ", exposed.Select(m => m.Name))}. Make helpers internal or private.");
        }

        var mixer = exposed[0];
        if (mixer.IsAbstract)
        {
            return Fail($"The mixer class {mixer.Name} must not be abstract.");
        }

        if (!mixer.IsSealed)
        {
            return Fail($"The mixer class {mixer.Name} must be sealed.");
        }

        if (mixer.IsGenericType)
        {
            return Fail($"The mixer class {mixer.Name} must not be generic.");
        }

        var hasCtor = mixer.InstanceConstructors.Any(c =>
            c.DeclaredAccessibility == Accessibility.Public
            && c.Parameters.Length == 1
            && c.Parameters[0].Type is INamedTypeSymbol { Name: "MixerOptions" } p
            && p.ContainingNamespace.ToDisplayString() == "AsiArch.Sdk.TorchSharp");
        if (!hasCtor)
        {
            return Fail($"The mixer class {mixer.Name} needs a public constructor taking exactly one AsiArch.Sdk.TorchSharp.MixerOptions.");
        }

        var name = mixer.ContainingNamespace.IsGlobalNamespace
            ? mixer.MetadataName
            : mixer.ContainingNamespace.ToDisplayString() + "." + mixer.MetadataName;
        return new ContractInspection(name, null);
    }

    private static ContractInspection Fail(string message) =>
        new(null, new ExperimentFailure(FailureKind.ContractViolation, message, [Shape]));

    private static bool DerivesFromTensorModule(INamedTypeSymbol type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (b.Name == "Module" && b.TypeArguments.Length == 2
                && b.ContainingType?.Name == "nn" && b.ContainingType.ContainingType?.Name == "torch"
                && b.TypeArguments.All(a => a.Name == "Tensor"))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var t in AllTypes(child))
                {
                    yield return t;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                {
                    yield return nested;
                }
            }
        }
    }
}
