using AsiArch.Sdk.Serialization;
using AsiArch.Sdk.Testing.Conformance;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Tests.Serialization;

public sealed class AsiArchJsonTests
{
    private static readonly ExperimentRecord Full = ExperimentSamples.Filled(new ExperimentRecord
    {
        Index = 12,
        Parent = 3,
        Name = "delta_net_gate",
        Status = ExperimentStatus.Analyzed,
        Motivation = "Gate the delta rule.",
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(-5)).AddTicks(9),
        UpdatedAt = new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero),
    }) with
    {
        Failure = new ExperimentFailure(FailureKind.SuperLinear, "exponent 1.9", ["n=64: 1 ms", "n=128: 3.7 ms"]),
    };

    [Fact]
    public void Serialize_FullRecord_RoundTripsExactly()
    {
        var json = AsiArchJson.Serialize(Full);
        var back = AsiArchJson.Deserialize<ExperimentRecord>(json);

        StructuralAssert.Equal(Full, back);
        Assert.Equal(json, AsiArchJson.Serialize(back));
    }

    [Fact]
    public void Serialize_Enums_AreNames()
    {
        var json = JObject.Parse(AsiArchJson.Serialize(Full));

        Assert.Equal("Analyzed", json["status"]!.Value<string>());
        Assert.Equal("SuperLinear", json["failure"]!["kind"]!.Value<string>());
        Assert.Equal("ProcessOnly", json["sandbox"]!.Value<string>());
    }

    [Fact]
    public void Serialize_AsiArchFieldNames_ArePresent()
    {
        var json = JObject.Parse(AsiArchJson.Serialize(Full));

        foreach (var field in new[] { "index", "parent", "name", "program", "motivation", "result", "analysis", "cognition", "score", "log" })
        {
            Assert.True(json.ContainsKey(field), $"missing '{field}'");
        }

        Assert.Equal(Full.Fitness!.Total, json["score"]!.Value<double>());
    }

    [Fact]
    public void Serialize_DictionaryKeys_KeepTheirCase()
    {
        var record = Full with { AdditionalProperties = new AdditionalPropertiesDictionary { ["MixedCase_Key"] = "v" } };

        var json = AsiArchJson.Serialize(record);

        Assert.Contains("\"MixedCase_Key\"", json, StringComparison.Ordinal);
        Assert.Equal("v", AsiArchJson.Deserialize<ExperimentRecord>(json)!.AdditionalProperties!["MixedCase_Key"]);
    }

    [Fact]
    public void Deserialize_AdditionalProperties_ArePlainValuesAndDateLikeStringsStayStrings()
    {
        var back = AsiArchJson.Deserialize<ExperimentRecord>(AsiArchJson.Serialize(Full))!;

        var nested = Assert.IsType<Dictionary<string, object?>>(back.AdditionalProperties!["nested"]);
        Assert.Equal("2025-01-02T03:04:05Z", nested["when"]);
        Assert.Equal(1.5, nested["x"]);
        Assert.Equal(new List<object?> { "a", 1L, true, null }, back.AdditionalProperties["flags"]);
    }

    [Fact]
    public void Serialize_TimeSpanBytesAndOffsets_RoundTrip()
    {
        var artifact = new CandidateArtifact
        {
            Source = new CandidateSource("class X { }", "X.cs"),
            Assembly = [0, 1, 2, 250, 255],
            Pdb = null,
            TypeName = "X",
        };
        var progress = new TrainingProgress { Elapsed = TimeSpan.FromTicks(123_456_789), Remaining = TimeSpan.FromDays(1.5) };

        var artifactBack = AsiArchJson.Deserialize<CandidateArtifact>(AsiArchJson.Serialize(artifact))!;
        var progressBack = AsiArchJson.Deserialize<TrainingProgress>(AsiArchJson.Serialize(progress))!;

        Assert.Equal(artifact.Assembly, artifactBack.Assembly);
        Assert.Equal("X.cs", artifactBack.Source.FileName);
        Assert.Equal(artifact.Source.Hash, artifactBack.Source.Hash);
        Assert.Equal(progress, progressBack);
        Assert.Equal(Full.CreatedAt.Offset, AsiArchJson.Deserialize<ExperimentRecord>(AsiArchJson.Serialize(Full))!.CreatedAt.Offset);
    }

    [Fact]
    public void Deserialize_Malformed_ThrowsJsonExceptionWithPosition()
    {
        var error = Assert.ThrowsAny<Newtonsoft.Json.JsonException>(() => AsiArchJson.Deserialize<ExperimentRecord>("{\"index\": 1, \"name\": "));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }
}
