using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsiArch.Sdk.Sandbox;

/// <summary>The JSON settings of the worker protocol (camelCase, enums as names).</summary>
internal static class WorkerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
