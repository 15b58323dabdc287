using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace AsiArch.Sdk.Serialization;

/// <summary>
/// The Newtonsoft.Json settings every store and export of the SDK uses, so records written by one component read back
/// exactly in another: camelCase members (dictionary keys kept as written), enums as their names, ISO 8601 dates with
/// their offset, TimeSpan as <c>d.hh:mm:ss.fffffff</c>, byte arrays as base64, no date guessing inside free-form values.
/// </summary>
public static class AsiArchJson
{
    private static readonly JsonSerializerSettings CompactSettings = CreateSettings(indented: false);
    private static readonly JsonSerializerSettings IndentedSettings = CreateSettings(indented: true);

    /// <summary>Creates a fresh copy of the settings (callers may change their copy).</summary>
    /// <param name="indented">Indent the output for people to read.</param>
    public static JsonSerializerSettings CreateSettings(bool indented = false)
    {
        var settings = new JsonSerializerSettings
        {
            ContractResolver = new DefaultContractResolver
            {
                NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = true },
            },
            // Collections initialised to [] by the records are replaced, never appended to.
            ObjectCreationHandling = ObjectCreationHandling.Replace,
            // Strings inside free-form values stay strings; typed DateTimeOffset members still parse.
            DateParseHandling = DateParseHandling.None,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
            DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
            FloatFormatHandling = FloatFormatHandling.String,
            MissingMemberHandling = MissingMemberHandling.Ignore,
            NullValueHandling = NullValueHandling.Include,
            TypeNameHandling = TypeNameHandling.None,
            MaxDepth = 128,
            Formatting = indented ? Formatting.Indented : Formatting.None,
        };
        settings.Converters.Add(new StringEnumConverter());
        settings.Converters.Add(new AdditionalPropertiesConverter());
        return settings;
    }

    /// <summary>Creates a serializer with the shared settings.</summary>
    /// <param name="indented">Indent the output.</param>
    public static JsonSerializer CreateSerializer(bool indented = false) =>
        JsonSerializer.Create(indented ? IndentedSettings : CompactSettings);

    /// <summary>Serialises <paramref name="value"/> with the shared settings.</summary>
    /// <param name="value">The value (null gives <c>null</c>).</param>
    /// <param name="indented">Indent the output.</param>
    public static string Serialize(object? value, bool indented = false) =>
        JsonConvert.SerializeObject(value, indented ? IndentedSettings : CompactSettings);

    /// <summary>Reads a <typeparamref name="T"/> written with the shared settings.</summary>
    /// <param name="json">The JSON text.</param>
    /// <exception cref="JsonException">The text is not valid JSON for <typeparamref name="T"/>; the message gives the position.</exception>
    public static T? Deserialize<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonConvert.DeserializeObject<T>(json, CompactSettings);
    }
}
