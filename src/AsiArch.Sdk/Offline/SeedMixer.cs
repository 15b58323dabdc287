namespace AsiArch.Sdk.Offline;

/// <summary>Derives reproducible seeds from several integers (SplitMix64; unlike <see cref="HashCode"/>, stable across processes).</summary>
public static class SeedMixer
{
    /// <summary>Mixes the values into one 31-bit seed.</summary>
    public static int Mix(params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var v in values)
        {
            state = Next(state ^ unchecked((ulong)v));
        }

        return (int)(state & 0x7FFFFFFF);
    }

    private static ulong Next(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
