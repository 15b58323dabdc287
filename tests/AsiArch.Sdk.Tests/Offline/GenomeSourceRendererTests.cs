using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Engineering.Gate;
using AsiArch.Sdk.Offline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsiArch.Sdk.Tests.Offline;

public sealed class GenomeSourceRendererTests
{
    // Shared across tests: the first Roslyn compilation in a process pays the warm-up, later ones are fast.
    private static readonly CandidateCompiler Compiler = new(new CandidateCompilerOptions { CacheCapacity = 0 });

    [Fact]
    public void Render_200RandomDesignsAndDeltaNet_CompileAndPassTheSafetyGate()
    {
        Assert.True(CandidateReferences.HasTorch(CandidateReferences.Discover()), "TorchSharp and AsiArch.Sdk.TorchSharp must be next to the test assembly.");
        var random = new Random(2026);
        var genomes = Enumerable.Range(0, 200).Select(_ => DesignSpace.Sample(random)).Prepend(LinearAttentionGenome.DeltaNet).ToList();
        var gate = new SafetyGate();
        var failures = new List<string>();
        foreach (var genome in genomes)
        {
            var compiled = Compiler.Compile(GenomeSourceRenderer.Render(genome));
            if (!compiled.Succeeded)
            {
                failures.Add($"{genome.ShortName()}: {compiled.Failure}");
                continue;
            }

            var verdict = gate.Check(compiled);
            if (!verdict.Passed)
            {
                failures.Add($"{genome.ShortName()}: gate {string.Join(" | ", verdict.Violations.Take(3))}");
                continue;
            }

            // Contract shape: exactly one public sealed class deriving Module<Tensor, Tensor> with a MixerOptions constructor.
            var compilation = compiled.Compilation;
            var cls = Assert.Single(compilation.SyntaxTrees[0].GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>());
            Assert.Contains(cls.Modifiers, m => m.IsKind(SyntaxKind.PublicKeyword));
            Assert.Contains(cls.Modifiers, m => m.IsKind(SyntaxKind.SealedKeyword));
            var symbol = compilation.GetSemanticModel(compilation.SyntaxTrees[0]).GetDeclaredSymbol(cls)!;
            Assert.Equal("Module", symbol.BaseType!.Name);
            Assert.Contains(symbol.InstanceConstructors, c => c.DeclaredAccessibility == Accessibility.Public
                && c.Parameters.Length == 1 && c.Parameters[0].Type.Name == "MixerOptions");
            Assert.Equal(GenomeSourceRenderer.ClassName(genome), cls.Identifier.Text);
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
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
