using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// What the evolutionary researcher stores in <see cref="Proposal.DesignSpec"/>: the genome plus how it was made, so
/// the operator bandit and the analyst can be rebuilt from the experiment store alone.
/// </summary>
public sealed record DesignSpecDocument
{
    /// <summary>The family tag written into every document.</summary>
    public const string LinearAttentionFamily = "linear-attention";

    /// <summary>The document version this library writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = [new StringEnumConverter()],
        NullValueHandling = NullValueHandling.Ignore,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Formatting = Formatting.None,
    };

    /// <summary>Design family; always <see cref="LinearAttentionFamily"/>.</summary>
    public string Family { get; init; } = LinearAttentionFamily;

    /// <summary>Document version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The design.</summary>
    public required LinearAttentionGenome Genome { get; init; }

    /// <summary>The operator that produced it (null for seeds and mapped designs).</summary>
    public EvolutionOperator? Operator { get; init; }

    /// <summary>Index of the parent it was derived from.</summary>
    public long? ParentIndex { get; init; }

    /// <summary>Index of the reference used by crossover.</summary>
    public long? ReferenceIndex { get; init; }

    /// <summary>The changed genes, in words (<c>UpdateRule: Additive -> DeltaRule</c>).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Serialises to compact JSON.</summary>
    public string ToJson() => JsonConvert.SerializeObject(this, Settings);

    /// <summary>Parses a document; returns null when the text is not a linear-attention design spec of a known version.</summary>
    public static DesignSpecDocument? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var doc = JsonConvert.DeserializeObject<DesignSpecDocument>(json, Settings);
            return doc is { Family: LinearAttentionFamily, Version: <= CurrentVersion, Genome: not null }
                ? doc with { Genome = doc.Genome.Canonicalize() }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
