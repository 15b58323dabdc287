using AsiArch.Sdk.Llm;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class CandidateShapeTests
{
    [Fact]
    public void Check_ContractShape_Passes() => Assert.Null(CandidateShape.Check(LlmTestKit.Source()));

    [Theory]
    [InlineData("public class Foo : nn.Module<Tensor, Tensor> { public Foo(MixerOptions o) : base(\"f\") {} public override Tensor forward(Tensor x) => x; }", "public sealed")]
    [InlineData("public sealed class Foo : nn.Module { public Foo(MixerOptions o) : base(\"f\") {} public override Tensor forward(Tensor x) => x; }", "must derive")]
    [InlineData("public sealed class Foo : nn.Module<Tensor, Tensor> { public Foo(int d) : base(\"f\") {} public override Tensor forward(Tensor x) => x; }", "MixerOptions")]
    [InlineData("public sealed class Foo : nn.Module<Tensor, Tensor> { public Foo(MixerOptions o) : base(\"f\") {} public Tensor Forward(Tensor x) => x; }", "forward")]
    [InlineData("public sealed class A : nn.Module<Tensor, Tensor> {} public sealed class B : nn.Module<Tensor, Tensor> {}", "2 public classes")]
    [InlineData("class Foo {}", "no public class")]
    [InlineData("", "empty")]
    public void Check_WrongShape_SaysWhat(string source, string expected)
    {
        Assert.Contains(expected, CandidateShape.Check(source), StringComparison.Ordinal);
    }

    [Fact]
    public void StripFence_FencedSource_ReturnsCode()
    {
        Assert.Equal("class A {}\n", CandidateShape.StripFence("```csharp\nclass A {}\n```"));
    }
}
