using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Candidates;

[Collection("torch")]
public sealed class MixerLoaderTests
{
    private const string Usings = """
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        """;

    private const string GoodMixer = Usings + """
        public sealed class ScaleMixer : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _proj;
            public ScaleMixer(MixerOptions options) : base(nameof(ScaleMixer))
            {
                _proj = nn.Linear(options.ModelDim, options.ModelDim);
                RegisterComponents();
            }
            public override Tensor forward(Tensor x) => _proj.forward(x);
        }
        """;

    private static readonly MixerOptions Options = new() { ModelDim = 8, NumHeads = 2 };

    [Fact]
    public void Load_ValidCandidate_CreatesWorkingMixer()
    {
        var (dll, pdb) = TestCompiler.Compile(GoodMixer);

        using var loaded = MixerLoader.Load(dll, pdb);
        using var mixer = loaded.Create(Options);
        using var y = mixer.forward(ones(2, 3, 8));

        Assert.Equal("ScaleMixer", loaded.TypeName);
        Assert.Equal([2L, 3, 8], y.shape);
        Assert.Equal(2, mixer.parameters().Count());
    }

    [Fact]
    public void Load_NotAnAssembly_ReportsInvalidAssembly()
    {
        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load([1, 2, 3, 4], null));

        Assert.Equal(MixerContractViolation.InvalidAssembly, ex.Violation);
    }

    [Fact]
    public void Load_NoMixer_ListsWhatWasFound()
    {
        var (dll, _) = TestCompiler.Compile(Usings + "public sealed class Helper { }");

        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load(dll, null));

        Assert.Equal(MixerContractViolation.NoMixerType, ex.Violation);
        Assert.Contains("Helper", ex.Message, StringComparison.Ordinal);
        Assert.Contains("public sealed class", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoMixers_ReportsBothAndAcceptsTypeName()
    {
        var source = GoodMixer + GoodMixer.Replace(Usings, "", StringComparison.Ordinal).Replace("ScaleMixer", "OtherMixer", StringComparison.Ordinal);
        var (dll, _) = TestCompiler.Compile(source);

        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load(dll, null));
        using var chosen = MixerLoader.Load(dll, null, "OtherMixer");

        Assert.Equal(MixerContractViolation.MultipleMixerTypes, ex.Violation);
        Assert.Contains("ScaleMixer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OtherMixer", ex.Message, StringComparison.Ordinal);
        Assert.Equal("OtherMixer", chosen.TypeName);
    }

    [Fact]
    public void Load_UnknownTypeName_ReportsTypeNotFound()
    {
        var (dll, _) = TestCompiler.Compile(GoodMixer);

        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load(dll, null, "Nope"));

        Assert.Equal(MixerContractViolation.TypeNotFound, ex.Violation);
        Assert.Contains("ScaleMixer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotSealed_SaysToSealIt()
    {
        var (dll, _) = TestCompiler.Compile(GoodMixer.Replace("public sealed class", "public class", StringComparison.Ordinal));

        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load(dll, null));

        Assert.Equal(MixerContractViolation.NotSealed, ex.Violation);
        Assert.Contains("public sealed class ScaleMixer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongConstructor_NamesTheExpectedSignature()
    {
        var (dll, _) = TestCompiler.Compile(GoodMixer
            .Replace("ScaleMixer(MixerOptions options)", "ScaleMixer(int dim)", StringComparison.Ordinal)
            .Replace("options.ModelDim", "dim", StringComparison.Ordinal));

        var ex = Assert.Throws<MixerContractException>(() => MixerLoader.Load(dll, null));

        Assert.Equal(MixerContractViolation.MissingConstructor, ex.Violation);
        Assert.Contains("ScaleMixer(MixerOptions options)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(Int32)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ConstructorThrows_RethrowsTheCandidatesException()
    {
        var (dll, pdb) = TestCompiler.Compile(GoodMixer.Replace(
            "_proj = nn.Linear", "if (options.ModelDim > 4) throw new System.ArgumentException(\"too wide\");\n_proj = nn.Linear", StringComparison.Ordinal));
        using var loaded = MixerLoader.Load(dll, pdb);

        var ex = Assert.Throws<ArgumentException>(() => loaded.Create(Options));

        Assert.Equal("too wide", ex.Message);
        Assert.Contains("Candidate.cs", ex.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AfterDispose_Throws()
    {
        var (dll, _) = TestCompiler.Compile(GoodMixer);
        var loaded = MixerLoader.Load(dll, null);
        loaded.Dispose();

        Assert.Throws<ObjectDisposedException>(() => loaded.Create(Options));
    }
}
