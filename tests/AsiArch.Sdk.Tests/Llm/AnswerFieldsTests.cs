using AsiArch.Sdk.Llm.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class AnswerFieldsTests
{
    [Fact]
    public void RequireNumber_NumericStringOrSnakeCase_Reads()
    {
        var json = JObject.Parse("{\"performance_score\": \"7.5\", \"innovation\": 6}");
        Assert.Equal(7.5, AnswerFields.RequireNumber(json, "performanceScore"));
        Assert.Equal(6, AnswerFields.RequireNumber(json, "innovation"));
    }

    [Theory]
    [InlineData("{\"x\": \"high\"}", "must be a number")]
    [InlineData("{\"x\": true}", "must be a number")]
    [InlineData("{\"x\": null}", "missing")]
    [InlineData("{}", "missing")]
    [InlineData("{\"x\": \"NaN\"}", "finite")]
    public void RequireNumber_NotANumber_Throws(string text, string expected)
    {
        var ex = Assert.Throws<ModelAnswerException>(() => AnswerFields.RequireNumber(JObject.Parse(text), "x"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireString_WrongType_NamesTheField()
    {
        var ex = Assert.Throws<ModelAnswerException>(() => AnswerFields.RequireString(JObject.Parse("{\"motivation\": 42}"), "motivation"));
        Assert.Contains("\"motivation\" must be a string", ex.Message, StringComparison.Ordinal);
    }
}
