using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsiArch.Sdk.Worker;

/// <summary>Writes protocol lines to the real standard output, one JSON object per line.</summary>
internal sealed class ProtocolWriter(TextWriter output)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly object _gate = new();

    public void Write(WorkerMessage message)
    {
        var line = WorkerMessage.Prefix + JsonSerializer.Serialize(message, Json);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
