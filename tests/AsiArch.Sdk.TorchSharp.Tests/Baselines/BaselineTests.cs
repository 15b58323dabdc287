using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Tests.Blocks;
using AsiArch.Sdk.TorchSharp.Tests.Candidates;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Baselines;

[Collection("torch")]
public sealed class BaselineTests
{
    private static readonly MixerOptions Options = new() { ModelDim = 32, NumHeads = 4, ChunkSize = 8, NumLayers = 2, LayerIndex = 1 };

    public static TheoryData<string> Names() => [.. BaselineCatalog.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_RaggedLength_KeepsShapeAndBackpropagates(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var mixer = BaselineCatalog.Get(name).Factory(Options);
        var x = randn(2, 21, 32);

        var y = mixer.forward(x);
        (y * y).mean().backward();

        Assert.Equal(x.shape, y.shape);
        TensorAssert.Finite(y);
        var grads = mixer.parameters().Select(p => p.grad).ToList();
        Assert.All(grads, g => Assert.NotNull(g));
        Assert.All(grads, g => TensorAssert.Finite(g!));
        Assert.Contains(grads, g => g!.abs().sum().item<float>() > 0);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_IsCausal(string name)
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var mixer = BaselineCatalog.Get(name).Factory(Options);
        using var noGrad = no_grad();

        TensorAssert.Causal(x => mixer.forward(x[0]), [randn(2, 19, 32)], t0: 11, timeDim: 1, outputTimeDim: 1);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Source_EqualsTheFileAndNamesItsType(string name)
    {
        var info = BaselineCatalog.Get(name);
        var simpleName = info.TypeName[(info.TypeName.LastIndexOf('.') + 1)..];

        Assert.Equal(File.ReadAllText(SourceFile(simpleName)), info.Source);
        Assert.Contains($"public sealed class {simpleName} : nn.Module<Tensor, Tensor>", info.Source, StringComparison.Ordinal);
        Assert.Contains($"public {simpleName}(MixerOptions options)", info.Source, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(info.Description));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Source_CompiledAlone_LoadsAsACandidate(string name)
    {
        using var scope = NewDisposeScope();
        var info = BaselineCatalog.Get(name);
        var (dll, pdb) = TestCompiler.Compile(info.Source, name);

        using var loaded = MixerLoader.Load(dll, pdb);
        using var mixer = loaded.Create(Options);

        Assert.Equal(info.TypeName, loaded.TypeName);
        Assert.NotSame(info.Factory(Options).GetType(), loaded.MixerType);
        Assert.Equal([1L, 5, 32], mixer.forward(randn(1, 5, 32)).shape);
    }

    [Fact]
    public void Catalog_HasTheSevenBaselines()
    {
        Assert.Equal(
            ["Transformer", "LinearAttention", "RetNet", "GLA", "Mamba2", "DeltaNet", "GatedDeltaNet"],
            BaselineCatalog.All.Select(b => b.Name));
        Assert.Same(BaselineCatalog.Get("DeltaNet"), BaselineCatalog.Get("deltanetmixer"));
    }

    [Fact]
    public void Get_Unknown_ListsKnownNames()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => BaselineCatalog.Get("Hyena"));
        Assert.Contains("GatedDeltaNet", ex.Message, StringComparison.Ordinal);
    }

    private static string SourceFile(string typeName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "AsiArch.Sdk.TorchSharp", "Baselines", typeName + ".cs");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Could not find {typeName}.cs above {AppContext.BaseDirectory}.");
    }
}
