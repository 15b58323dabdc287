using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace AsiArch.Sdk.Cognition;

/// <summary>
/// The JSON exchange format of cognition entries (export, import and the shipped seed base):
/// <c>{"format": "asiarch-cognition", "version": 1, "entries": [...]}</c> with camel-case entry fields.
/// </summary>
public sealed class CognitionDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatName = "asiarch-cognition";

    /// <summary>The version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    internal static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = [new StringEnumConverter()],
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        Formatting = Formatting.Indented,
    };

    /// <summary>Format tag; must be <see cref="FormatName"/>.</summary>
    public string Format { get; set; } = FormatName;

    /// <summary>Format version.</summary>
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The entries.</summary>
    public List<CognitionEntry> Entries { get; set; } = [];

    /// <summary>Serialises to indented JSON.</summary>
    public string ToJson() => JsonConvert.SerializeObject(this, Settings);

    /// <summary>Parses and validates a document.</summary>
    /// <exception cref="FormatException">The text is not JSON, not this format, a newer version, or an entry lacks an id or trigger patterns (the message names it).</exception>
    public static CognitionDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CognitionDocument? doc;
        try
        {
            doc = JsonConvert.DeserializeObject<CognitionDocument>(json, Settings);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The cognition document is not valid JSON of the '{FormatName}' format: {ex.Message}", ex);
        }

        if (doc is null || doc.Format != FormatName)
        {
            throw new FormatException($"The JSON is not a cognition document (expected \"format\": \"{FormatName}\", got \"{doc?.Format}\").");
        }

        if (doc.Version > CurrentVersion)
        {
            throw new FormatException($"The cognition document has version {doc.Version}, newer than the version {CurrentVersion} this AsiArch.Sdk reads.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < doc.Entries.Count; i++)
        {
            var e = doc.Entries[i];
            if (e is null || string.IsNullOrWhiteSpace(e.Id))
            {
                throw new FormatException($"Cognition entry {i} has no id.");
            }

            if (string.IsNullOrWhiteSpace(e.TriggerPatterns))
            {
                throw new FormatException($"Cognition entry {i} ('{e.Id}') has no trigger patterns, the key it is retrieved by.");
            }

            if (!ids.Add(e.Id))
            {
                throw new FormatException($"Cognition entry id '{e.Id}' appears twice (entry {i}).");
            }
        }

        return doc;
    }
}
