namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>Derives independent, stable sub-seeds from one seed (SplitMix64), so streams never share a generator.</summary>
internal static class SeedMixer
{
    /// <summary>A sub-seed of <paramref name="seed"/> for the stream numbered <paramref name="stream"/>.</summary>
    public static int Derive(int seed, int stream)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)(uint)stream) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>Stable FNV-1a hash of a token sequence (string hashing in .NET is randomised per process).</summary>
    public static ulong Hash(ReadOnlySpan<long> tokens)
    {
        var h = 14695981039346656037UL;
        foreach (var t in tokens)
        {
            h = unchecked((h ^ (ulong)t) * 1099511628211UL);
        }

        // FNV's low bits depend only on the inputs' low bits; mix so that every bit of the result is usable.
        h = unchecked((h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL);
        h = unchecked((h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL);
        return h ^ (h >> 33);
    }
}
