using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Serialization;

/// <summary>
/// Reads <see cref="AdditionalPropertiesDictionary"/> values as plain CLR values (string, long, double, bool, null,
/// <see cref="List{T}"/> and <see cref="Dictionary{TKey, TValue}"/> of them) instead of JSON.NET's JToken types, so
/// callers get back the shapes they stored without a dependency on Newtonsoft.Json.
/// </summary>
internal sealed class AdditionalPropertiesConverter : JsonConverter<AdditionalPropertiesDictionary>
{
    public override bool CanWrite => false;

    public override void WriteJson(JsonWriter writer, AdditionalPropertiesDictionary? value, JsonSerializer serializer) =>
        throw new NotSupportedException("Writing uses the default dictionary serialisation.");

    public override AdditionalPropertiesDictionary? ReadJson(
        JsonReader reader,
        Type objectType,
        AdditionalPropertiesDictionary? existingValue,
        bool hasExistingValue,
        JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var token = JToken.Load(reader);
        if (token is not JObject obj)
        {
            throw new JsonSerializationException(
                $"Additional properties must be a JSON object, got {token.Type} at '{token.Path}'.");
        }

        var result = new AdditionalPropertiesDictionary();
        foreach (var property in obj.Properties())
        {
            result[property.Name] = ToPlain(property.Value);
        }

        return result;
    }

    private static object? ToPlain(JToken token) => token switch
    {
        JObject obj => obj.Properties().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        JArray array => array.Select(ToPlain).ToList(),
        JValue value => value.Type switch
        {
            JTokenType.Integer => value.Value is System.Numerics.BigInteger big ? big.ToString(System.Globalization.CultureInfo.InvariantCulture) : Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture),
            JTokenType.Float => Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture),
            JTokenType.Null or JTokenType.Undefined => null,
            _ => value.Value,
        },
        _ => token.ToString(Formatting.None),
    };
}
