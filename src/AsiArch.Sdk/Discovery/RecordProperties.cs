using System.Globalization;
using System.Text.Json;

namespace AsiArch.Sdk.Discovery;

/// <summary>The loop's own entries in <see cref="ExperimentRecord.AdditionalProperties"/>; readers accept stores that round-trip them as JSON.</summary>
internal static class RecordProperties
{
    public const string Round = "discovery.round";
    public const string Attempt = "discovery.attempt";
    public const string Novelty = "discovery.novelty";
    public const string NoveltyReason = "discovery.noveltyReason";
    public const string Artifact = "discovery.artifact";
    public const string ArtifactPdb = "discovery.artifactPdb";
    public const string ArtifactType = "discovery.artifactType";

    public static string? GetString(ExperimentRecord record, string key)
    {
        if (record.AdditionalProperties is null || !record.AdditionalProperties.TryGetValue(key, out var value))
        {
            return null;
        }

        return value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    public static long? GetLong(ExperimentRecord record, string key) =>
        GetString(record, key) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static AdditionalPropertiesDictionary With(AdditionalPropertiesDictionary? properties, params (string Key, object? Value)[] values)
    {
        var copy = properties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(properties);
        foreach (var (key, value) in values)
        {
            copy[key] = value;
        }

        return copy;
    }

    public static (string, object?)[] ArtifactEntries(CandidateArtifact artifact) =>
    [
        (Artifact, Convert.ToBase64String(artifact.Assembly)),
        (ArtifactPdb, artifact.Pdb is null ? null : Convert.ToBase64String(artifact.Pdb)),
        (ArtifactType, artifact.TypeName),
    ];

    public static CandidateArtifact? GetArtifact(ExperimentRecord record)
    {
        var assembly = GetString(record, Artifact);
        var type = GetString(record, ArtifactType);
        if (assembly is null || type is null)
        {
            return null;
        }

        var pdb = GetString(record, ArtifactPdb);
        return new CandidateArtifact
        {
            Source = new CandidateSource(record.Program),
            Assembly = Convert.FromBase64String(assembly),
            Pdb = pdb is null ? null : Convert.FromBase64String(pdb),
            TypeName = type,
        };
    }

    public static Proposal ToProposal(ExperimentRecord record) => new()
    {
        Name = record.Name,
        Motivation = record.Motivation,
        Source = new CandidateSource(record.Program),
        DesignSpec = record.DesignSpec,

        // The proposal's own properties travel with the record (e.g. a human review outcome the novelty check reads).
        AdditionalProperties = record.AdditionalProperties,
    };
}
