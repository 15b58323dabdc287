namespace AsiArch.Sdk.Offline;

/// <summary>Number of heads relative to the profile's <c>MixerOptions.NumHeads</c>.</summary>
public enum HeadCount
{
    /// <summary>Half the profile's heads (at least one): bigger states per head.</summary>
    Half,

    /// <summary>The profile's heads.</summary>
    Profile,

    /// <summary>Twice the profile's heads: more, smaller states.</summary>
    Double,
}
