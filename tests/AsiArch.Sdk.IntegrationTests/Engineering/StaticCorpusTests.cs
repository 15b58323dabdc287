using AsiArch.Sdk.Engineering;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

public sealed class StaticCorpusTests
{
    [Theory]
    [MemberData(nameof(HostileCorpus.Static), MemberType = typeof(HostileCorpus))]
    public void Build_HostileOrBrokenCandidate_IsRejectedBeforeLoading(string name, string source, FailureKind kind, string? gateId)
    {
        var result = SharedBuilder.Instance.Build(new CandidateSource(source));

        Assert.False(result.Succeeded, $"'{name}' was accepted");
        Assert.Null(result.Artifact);
        Assert.Equal(kind, result.Failure!.Kind);
        Assert.NotEmpty(result.Failure.Diagnostics);
        if (gateId is not null)
        {
            Assert.Contains(result.Violations, v => v.Id == gateId);
            Assert.Contains(result.Failure.Diagnostics, d => d.StartsWith("Layer.cs(", StringComparison.Ordinal) && d.Contains(gateId, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void StaticCorpus_HasAtLeastTwentyFiveEntries()
    {
        Assert.True(HostileCorpus.Static.Count() >= 25);
    }

    [Fact]
    public void Build_SyntaxError_QuotesTheOffendingLineWithPosition()
    {
        var source = CandidateTemplates.Mixer(forward: "        var y = _in.forward(x)\n        return _out.forward(y);");

        var failure = SharedBuilder.Instance.Build(new CandidateSource(source)).Failure!;

        var first = failure.Diagnostics[0];
        Assert.Matches(@"^Layer\.cs\(\d+,\d+\): error CS1002: ; expected", first);
        Assert.Contains("var y = _in.forward(x)", first, StringComparison.Ordinal);
        Assert.Contains("^", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ValidMixer_ProducesImageAndPdbAndTypeName()
    {
        var result = SharedBuilder.Instance.Build(new CandidateSource(CandidateTemplates.Mixer()));

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("RunningMeanMixer", result.Artifact!.TypeName);
        Assert.NotEmpty(result.Artifact.Assembly);
        Assert.NotNull(result.Artifact.Pdb);
    }

    [Fact]
    public void Build_SameSourceTwice_SecondComesFromCache()
    {
        var source = new CandidateSource(CandidateTemplates.Mixer(name: "CacheProbeMixer"));

        SharedBuilder.Instance.Build(source);
        var second = SharedBuilder.Instance.Build(source);

        Assert.True(second.FromCache);
        Assert.Equal(TimeSpan.Zero, second.CompileTime);
    }

    [Fact]
    public void Build_MixerUsingLinqCollectionsAndMath_Passes()
    {
        var source = CandidateTemplates.Mixer(
            name: "PlainCSharpMixer",
            forward: """
                    var scales = new List<double> { 1.0, 0.5 }.Select(s => Math.Sqrt(s)).ToArray();
                    var dict = new Dictionary<string, int> { ["a"] = 1 };
                    var factor = (float)(scales.Sum() / (dict.Count + MathF.PI));
                    var h = nn.functional.silu(_in.forward(x)) * factor;
                    var t = x.shape[1];
                    var counts = torch.arange(1, t + 1, dtype: x.dtype).view(1, t, 1);
                    return _out.forward(h.cumsum(1) / counts);
            """);

        var result = SharedBuilder.Instance.Build(new CandidateSource(source));

        Assert.True(result.Succeeded, result.Failure?.ToString());
    }
}
