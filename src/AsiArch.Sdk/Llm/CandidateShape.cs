using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// A syntax-only check that a model's source has the candidate shape (one public sealed class deriving
/// <c>nn.Module&lt;Tensor, Tensor&gt;</c> with a <c>(MixerOptions)</c> constructor and a <c>forward</c> override),
/// so a wrong shape is sent back to the model at once instead of costing a compile-and-repair round. It never
/// compiles or runs anything; the engineer's compiler and gate remain the authority.
/// </summary>
public static class CandidateShape
{
    /// <summary>Largest source accepted from a model, in characters.</summary>
    public const int MaxSourceCharacters = 100_000;

    /// <summary>Returns null when the shape is right, else what is wrong.</summary>
    public static string? Check(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(source))
        {
            return "The source is empty.";
        }

        if (source.Length > MaxSourceCharacters)
        {
            return $"The source is too long ({source.Length} characters; the limit is {MaxSourceCharacters}).";
        }

        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        var classes = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.Modifiers.Any(SyntaxKind.PublicKeyword) && c.Parent is not ClassDeclarationSyntax)
            .ToList();
        if (classes.Count != 1)
        {
            return classes.Count == 0
                ? "The source declares no public class; it must declare exactly one `public sealed class Name : nn.Module<Tensor, Tensor>`."
                : $"The source declares {classes.Count} public classes ({string.Join(", ", classes.Select(c => c.Identifier.Text))}); exactly one is allowed (make helpers private nested classes or private methods).";
        }

        var cls = classes[0];
        var name = cls.Identifier.Text;
        if (!cls.Modifiers.Any(SyntaxKind.SealedKeyword) || cls.Modifiers.Any(SyntaxKind.AbstractKeyword))
        {
            return $"The class {name} must be `public sealed` and not abstract.";
        }

        var baseType = cls.BaseList?.Types.FirstOrDefault()?.Type.ToString().Replace(" ", "", StringComparison.Ordinal);
        if (baseType is null || !(baseType.EndsWith("Module<Tensor,Tensor>", StringComparison.Ordinal)))
        {
            return $"The class {name} must derive from `nn.Module<Tensor, Tensor>` (found `{baseType ?? "no base class"}`).";
        }

        var ctor = cls.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault(c =>
            c.Modifiers.Any(SyntaxKind.PublicKeyword)
            && c.ParameterList.Parameters.Count == 1
            && c.ParameterList.Parameters[0].Type?.ToString().EndsWith("MixerOptions", StringComparison.Ordinal) == true);
        if (ctor is null)
        {
            return $"The class {name} needs a constructor `public {name}(MixerOptions options) : base(nameof({name}))`.";
        }

        var forward = cls.Members.OfType<MethodDeclarationSyntax>().FirstOrDefault(m =>
            m.Identifier.Text == "forward" && m.Modifiers.Any(SyntaxKind.OverrideKeyword) && m.ParameterList.Parameters.Count == 1);
        if (forward is null)
        {
            return $"The class {name} needs `public override Tensor forward(Tensor x)`.";
        }

        return null;
    }

    /// <summary>The name of the single public class, or null.</summary>
    public static string? ClassName(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        return root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .FirstOrDefault(c => c.Modifiers.Any(SyntaxKind.PublicKeyword))?.Identifier.Text;
    }

    /// <summary>Removes a Markdown code fence around a source, when the model added one.</summary>
    public static string StripFence(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var trimmed = source.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return source;
        }

        var firstNewline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewline > 0 && end > firstNewline ? trimmed[(firstNewline + 1)..end].TrimEnd() + "\n" : source;
    }
}
