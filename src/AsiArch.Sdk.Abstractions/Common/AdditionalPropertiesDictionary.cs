namespace AsiArch.Sdk;

/// <summary>
/// Free-form properties carried on exchange records so that implementations can pass extra data without a contract
/// change. Values should be JSON-serialisable (strings, numbers, booleans, arrays, dictionaries) so stores can keep them.
/// </summary>
public sealed class AdditionalPropertiesDictionary : Dictionary<string, object?>
{
    /// <summary>Creates an empty dictionary with ordinal keys.</summary>
    public AdditionalPropertiesDictionary()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Creates a copy of <paramref name="source"/>.</summary>
    public AdditionalPropertiesDictionary(IEnumerable<KeyValuePair<string, object?>> source)
        : base(source, StringComparer.Ordinal)
    {
    }
}
