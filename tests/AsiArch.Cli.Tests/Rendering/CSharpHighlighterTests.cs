using AsiArch.Cli.Rendering;
using AsiArch.Cli.Tests.Fixtures;
using AsiArch.Sdk.Reporting.Rendering;
using Spectre.Console;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Rendering;

public sealed class CSharpHighlighterTests
{
    [Theory]
    [InlineData("public sealed class A { int x = 42; string s = \"a // not comment\"; /* c */ }")]
    [InlineData("var r = @\"verbatim \"\" quote\"; var raw = \"\"\"\n raw \"\" \n\"\"\"; char c = '\\'';")]
    [InlineData("unterminated \"string\n/* open comment")]
    public void Tokenize_AnyText_ConcatenatesBackToTheInput(string source)
    {
        var tokens = CSharpHighlighter.Tokenize(source);

        Assert.Equal(source, string.Concat(tokens.Select(t => t.Text)));
    }

    [Fact]
    public void Tokenize_ClassifiesKeywordsStringsCommentsNumbersAndTypes()
    {
        var tokens = CSharpHighlighter.Tokenize("public Tensor f() { return 1.5; } // done\nvar s = \"x\";");

        Assert.Contains(new SourceToken(SourceTokenKind.Keyword, "public"), tokens);
        Assert.Contains(new SourceToken(SourceTokenKind.Type, "Tensor"), tokens);
        Assert.Contains(new SourceToken(SourceTokenKind.Number, "1.5"), tokens);
        Assert.Contains(new SourceToken(SourceTokenKind.Comment, "// done"), tokens);
        Assert.Contains(new SourceToken(SourceTokenKind.String, "\"x\""), tokens);
    }

    [Fact]
    public void SourceMarkup_MarkupInSource_IsShownLiterally()
    {
        var console = new TestConsole().Width(200);
        const string source = "var s = \"[red]not markup[/]\"; // [bold]x[/]\nint[] a = new int[3];";

        console.Write(new Markup(SourceMarkup.Highlight(source)));

        Assert.Contains("\"[red]not markup[/]\"", console.Output, StringComparison.Ordinal);
        Assert.Contains("int[] a = new int[3];", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceMarkup_FixtureSources_RenderWithoutMarkupErrors()
    {
        var console = new TestConsole().Width(200);
        foreach (var e in RunFixture.Experiments)
        {
            console.Write(new Markup(SourceMarkup.Highlight(e.Program)));
        }

        Assert.Contains("ChunkedGatedDeltaRule", console.Output, StringComparison.Ordinal);
    }
}
