using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Reporting;

/// <summary>
/// Reads the verification outcomes the discovery loop stores as JSON run values <c>promotion:{index}</c>. Member names
/// are matched case-insensitively, so both PascalCase and camelCase writers are understood; an unreadable value is
/// reported, not guessed.
/// </summary>
public static class PromotionOutcomeReader
{
    /// <summary>The run-value key prefix the loop uses.</summary>
    public const string KeyPrefix = "promotion:";

    /// <summary>Reads every promotion outcome of <paramref name="store"/> for the candidates in <paramref name="experiments"/>.</summary>
    /// <param name="store">The experiment store.</param>
    /// <param name="experiments">The run's experiments (their indexes are the candidate keys).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<IReadOnlyList<PromotionSummary>> ReadAsync(
        IExperimentStore store, IReadOnlyList<ExperimentRecord> experiments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(experiments);
        var result = new List<PromotionSummary>();
        foreach (var e in experiments.Where(e => e.Kind == ExperimentKind.Candidate).OrderBy(e => e.Index))
        {
            var json = await store.GetRunValueAsync(KeyPrefix + e.Index.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (json is not null)
            {
                result.Add(Parse(json, e.Index));
            }
        }

        return result;
    }

    /// <summary>Parses one stored outcome.</summary>
    /// <param name="json">The run value.</param>
    /// <param name="candidateIndex">The candidate the key names (used when the JSON does not say).</param>
    /// <exception cref="FormatException">The value is not a JSON object.</exception>
    public static PromotionSummary Parse(string json, long candidateIndex)
    {
        ArgumentNullException.ThrowIfNull(json);
        JObject o;
        try
        {
            o = JObject.Parse(json);
        }
        catch (JsonReaderException ex)
        {
            throw new FormatException($"The promotion outcome of experiment {candidateIndex} is not a JSON object: {ex.Message}", ex);
        }

        JToken? Get(string name) => o.GetValue(name, StringComparison.OrdinalIgnoreCase);
        var test = Get("Test") as JObject;
        return new PromotionSummary
        {
            CandidateIndex = Get("CandidateIndex")?.Type == JTokenType.Integer ? Get("CandidateIndex")!.Value<long>() : candidateIndex,
            CandidateName = Get("CandidateName")?.Type == JTokenType.String ? Get("CandidateName")!.Value<string>()! : "",
            PromotionIndexes = Get("PromotionIndexes") is JArray a
                ? a.Where(t => t.Type == JTokenType.Integer).Select(t => t.Value<long>()).ToList()
                : [],
            ProfileName = Get("ProfileName")?.Type == JTokenType.String ? Get("ProfileName")!.Value<string>()! : "",
            BestBaselineName = Get("BestBaselineName")?.Type == JTokenType.String ? Get("BestBaselineName")!.Value<string>() : null,
            IsDiscovery = Get("IsDiscovery")?.Type == JTokenType.Boolean && Get("IsDiscovery")!.Value<bool>(),
            Verdict = Get("Verdict")?.Type == JTokenType.String ? Get("Verdict")!.Value<string>()! : "",
            PValue = test?.GetValue("PValue", StringComparison.OrdinalIgnoreCase) is { Type: JTokenType.Float or JTokenType.Integer } p
                ? p.Value<double>()
                : null,
        };
    }
}
