using System.Collections.Concurrent;
using AsiArch.Sdk.Offline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class GenomeSourceRendererTests
{
    // Metadata only: typeof(...).Assembly.Location reads the file path without initialising torch.
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var paths = trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(global::TorchSharp.torch).Assembly.Location)
            .Append(typeof(AsiArch.Sdk.TorchSharp.Blocks.SequenceOps).Assembly.Location)
            .Distinct();
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    });

    private static IReadOnlyList<Diagnostic> Compile(string code, out CSharpCompilation compilation)
    {
        compilation = CSharpCompilation.Create(
            "Candidate" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    [Fact]
    public void Render_200RandomDesignsAndDeltaNet_CompileWithoutWarnings()
    {
        var random = new Random(2026);
        var genomes = Enumerable.Range(0, 200).Select(_ => DesignSpace.Sample(random)).Prepend(LinearAttentionGenome.DeltaNet).ToList();
        var failures = new ConcurrentBag<string>();
        foreach (var genome in genomes)
        {
            var source = GenomeSourceRenderer.Render(genome);
            var diagnostics = Compile(source.Code, out var compilation);
            if (diagnostics.Count > 0)
            {
                failures.Add($"{genome.ShortName()}: {string.Join(" | ", diagnostics.Take(3))}");
                continue;
            }

            // Contract shape: exactly one public sealed class deriving Module<Tensor, Tensor> with a MixerOptions constructor.
            var classes = compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().ToList();
            var cls = Assert.Single(classes);
            Assert.Contains(cls.Modifiers, m => m.IsKind(SyntaxKind.PublicKeyword));
            Assert.Contains(cls.Modifiers, m => m.IsKind(SyntaxKind.SealedKeyword));
            var symbol = compilation.GetSemanticModel(compilation.SyntaxTrees[0]).GetDeclaredSymbol(cls)!;
            Assert.Equal("Module", symbol.BaseType!.Name);
            Assert.Contains(symbol.InstanceConstructors, c => c.DeclaredAccessibility == Accessibility.Public
                && c.Parameters.Length == 1 && c.Parameters[0].Type.Name == "MixerOptions");
            Assert.Equal(GenomeSourceRenderer.ClassName(genome), cls.Identifier.Text);
        }

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Render_OnlyUsesTorchSharpAndBlocksNamespaces()
    {
        var random = new Random(9);
        for (var i = 0; i < 50; i++)
        {
            var code = GenomeSourceRenderer.Render(DesignSpace.Sample(random)).Code;
            var usings = CSharpSyntaxTree.ParseText(code).GetCompilationUnitRoot().Usings.Select(u => u.Name!.ToString()).ToList();
            Assert.All(usings, u => Assert.Contains(u, new[] { "System", "TorchSharp", "TorchSharp.torch", "AsiArch.Sdk.TorchSharp", "AsiArch.Sdk.TorchSharp.Blocks" }));
        }
    }

    [Fact]
    public void Render_SameGenome_SameSourceAndDifferentGenomesDifferentClassNames()
    {
        var a = LinearAttentionGenome.DeltaNet;
        var b = a with { UpdateRule = StateUpdateRule.GatedDeltaRule };
        Assert.Equal(GenomeSourceRenderer.Render(a).Code, GenomeSourceRenderer.Render(a).Code);
        Assert.NotEqual(GenomeSourceRenderer.ClassName(a), GenomeSourceRenderer.ClassName(b));
        Assert.Contains("SequenceOps.ChunkedGatedDeltaRule", GenomeSourceRenderer.Render(b).Code, StringComparison.Ordinal);
        Assert.Contains("SequenceOps.ChunkedDeltaRule", GenomeSourceRenderer.Render(a).Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeltaNet_IsRecognisedFromItsOwnSource()
    {
        var code = GenomeSourceRenderer.Render(LinearAttentionGenome.DeltaNet).Code;
        Assert.Equal(StateUpdateRule.DeltaRule, GenomeResolver.FromSource(code)!.UpdateRule);
    }
}
