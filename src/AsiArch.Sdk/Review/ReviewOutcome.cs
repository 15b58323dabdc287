using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsiArch.Sdk.Review;

/// <summary>
/// The review of one proposal, recorded on its experiment (<see cref="ExperimentRecord.AdditionalProperties"/> under
/// <see cref="PropertyKey"/>, as JSON text so every store keeps it). Read it back with <see cref="TryRead(ExperimentRecord)"/>.
/// </summary>
public sealed record ReviewOutcome
{
    /// <summary>The key in <see cref="Proposal.AdditionalProperties"/> and <see cref="ExperimentRecord.AdditionalProperties"/>.</summary>
    public const string PropertyKey = "humanReview";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The review item (the folder name under <c>pending/</c> and <c>decided/</c>).</summary>
    public required string ReviewId { get; init; }

    /// <summary>The decision.</summary>
    public required ReviewDecision Decision { get; init; }

    /// <summary>True when no one decided in time and the timeout policy decided.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The reviewer's note (the lines under the decision).</summary>
    public string Note { get; init; } = "";

    /// <summary>When the decision was read (researcher clock).</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>SHA-256 of the proposed source.</summary>
    public required string ProposedSourceHash { get; init; }

    /// <summary>The source as proposed, when the reviewer edited it.</summary>
    public string? OriginalSource { get; init; }

    /// <summary>The motivation as proposed, when the reviewer edited it.</summary>
    public string? OriginalMotivation { get; init; }

    /// <summary>The outcome as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses <see cref="ToJson"/> output; null for text that is not an outcome.</summary>
    public static ReviewOutcome? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ReviewOutcome>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The review recorded on an experiment, or null when it was not reviewed.</summary>
    public static ReviewOutcome? TryRead(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return TryRead(record.AdditionalProperties);
    }

    /// <summary>The review recorded on a proposal, or null when it was not reviewed.</summary>
    public static ReviewOutcome? TryRead(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return TryRead(proposal.AdditionalProperties);
    }

    private static ReviewOutcome? TryRead(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(PropertyKey, out var value) ? TryParse(value?.ToString()) : null;
}
