using AsiArch.Sdk.Llm.Json;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class LenientJsonTests
{
    [Theory]
    [InlineData("```json\n{\"a\": 1}\n```")]
    [InlineData("Here is my answer:\n{\"a\": 1}\nHope this helps!")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{'a': 1}")]
    [InlineData("{\"b\": [1, 2,], \"a\": 1, // comment\n}")]
    [InlineData("Use {curly} braces.\n{\"a\": 1}")]
    public void TryParseObject_LenientForms_FindsTheObject(string text)
    {
        Assert.True(LenientJson.TryParseObject(text, out var json, out var error), error);
        Assert.Equal(1, json!.Value<int>("a"));
    }

    [Fact]
    public void TryParseObject_StringWithBracesAndQuotes_KeepsStringIntact()
    {
        var text = "{\"source\": \"class A { string s = \\\"}\\\"; char c = '{'; }\", \"n\": 2}";
        Assert.True(LenientJson.TryParseObject(text, out var json, out _));
        Assert.Equal("class A { string s = \"}\"; char c = '{'; }", json!.Value<string>("source"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n ", "empty")]
    [InlineData("The best design is a gated delta rule.", "no JSON object")]
    [InlineData("I'm sorry, but I can't help with that.", "refusal")]
    [InlineData("{\"name\": \"X\", \"source\": \"public sealed class X", "truncated")]
    [InlineData("[1, 2, 3]", "JSON")]
    public void TryParseObject_Unusable_ExplainsWhy(string text, string expected)
    {
        Assert.False(LenientJson.TryParseObject(text, out var json, out var error));
        Assert.Null(json);
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RemoveTrailingCommas_LeavesCommasInsideStrings()
    {
        Assert.Equal("{\"a\": \"x,}\"}", LenientJson.RemoveTrailingCommas("{\"a\": \"x,}\",}"));
    }
}
