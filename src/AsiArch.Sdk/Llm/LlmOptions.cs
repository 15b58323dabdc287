using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// Settings of the LLM-backed agents, bound from <c>AsiArch:Llm</c>. The API key is never part of these options:
/// <see cref="ApiKeyVariable"/> names the environment variable that holds it.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AsiArch:Llm";

    /// <summary>The provider; null means no LLM agents (the offline agents run).</summary>
    public LlmProvider? Provider { get; set; }

    /// <summary>Endpoint URI (OpenAI-compatible base URL, Azure resource, Ollama server, Anthropic base URL).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Default model id (deployment name on Azure).</summary>
    public string? Model { get; set; }

    /// <summary>Name of the environment variable holding the API key (e.g. <c>OPENAI_API_KEY</c>).</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "ApiKeyVariable must be an environment variable name, not a key.")]
    public string? ApiKeyVariable { get; set; }

    /// <summary>Per-role overrides keyed by role name (see <see cref="LlmRoles"/>).</summary>
    public Dictionary<string, LlmRoleOptions> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts per structured call before it fails with <see cref="FailureKind.InvalidModelOutput"/>.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Longest answer (characters) that is parsed; a longer one is refused and retried.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxResponseCharacters { get; set; } = 200_000;

    /// <summary>Timeout of one model call.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Maximum completion tokens per call; null leaves the provider default.</summary>
    [Range(1, 1_000_000)]
    public int? MaxOutputTokens { get; set; }

    /// <summary>Send the JSON schema of the expected answer (<c>response_format: json_schema</c>).</summary>
    public bool UseJsonSchema { get; set; } = true;

    /// <summary>Reuse a recorded answer for an identical request (model, messages, options): bit-exact replays.</summary>
    public bool UseResponseCache { get; set; }

    /// <summary>Give the repairer a tool that compiles and gates its fix before answering (when a checker is registered).</summary>
    public bool UseRepairTools { get; set; } = true;

    /// <summary>Most tool rounds in one repair call.</summary>
    [Range(1, 20)]
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>Repair gate (policy) violations. Off by default: code that tried a forbidden API is rejected, not laundered.</summary>
    public bool RepairPolicyViolations { get; set; }

    /// <summary>Cognition entries retrieved for the analyst (ASI-ARCH: k = 3).</summary>
    [Range(0, 20)]
    public int AnalystCognitionCount { get; set; } = 3;

    /// <summary>Characters of each earlier record's source shown to the planner (the parent is always shown whole).</summary>
    [Range(0, 1_000_000)]
    public int ReferenceSourceCharacters { get; set; } = 4_000;

    /// <summary>A folder of Markdown prompt files that replace the embedded ones by name (e.g. <c>planner.md</c>).</summary>
    public string? PromptDirectory { get; set; }

    /// <summary>Single prompt overrides: prompt name to a Markdown file path.</summary>
    public Dictionary<string, string> PromptFiles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Price table keyed by model id.</summary>
    public Dictionary<string, LlmPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The hard budget.</summary>
    public LlmBudgetOptions Budget { get; set; } = new();

    /// <summary>The model of a role: its override, else <see cref="Model"/>.</summary>
    public string? ModelFor(string role) =>
        Roles.TryGetValue(role, out var r) && !string.IsNullOrWhiteSpace(r.Model) ? r.Model : Model;

    /// <summary>The temperature of a role, when set.</summary>
    public double? TemperatureFor(string role) => Roles.TryGetValue(role, out var r) ? r.Temperature : null;
}
