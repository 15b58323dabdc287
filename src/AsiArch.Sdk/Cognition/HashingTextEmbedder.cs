using System.Text;

namespace AsiArch.Sdk.Cognition;

/// <summary>
/// The built-in embedder used when no <c>IEmbeddingGenerator</c> is configured: lower-cased word tokens and word
/// bigrams, each hashed (FNV-1a, stable across processes) into a fixed number of buckets with a hash-derived sign, then
/// L2-normalised. Cosine similarity of two vectors approximates their weighted token and bigram overlap.
/// </summary>
public sealed class HashingTextEmbedder
{
    /// <summary>Creates an embedder with <paramref name="dimensions"/> buckets.</summary>
    public HashingTextEmbedder(int dimensions = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        Dimensions = dimensions;
    }

    /// <summary>Vector length.</summary>
    public int Dimensions { get; }

    /// <summary>The model id stored beside each vector, so a change of embedder triggers re-embedding.</summary>
    public string ModelId => $"asiarch-hashing-v1-{Dimensions}";

    /// <summary>Embeds a text; an empty or punctuation-only text gives the zero vector.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimensions];
        var tokens = Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            Add(vector, tokens[i], 1f);
            if (i + 1 < tokens.Count)
            {
                Add(vector, tokens[i] + " " + tokens[i + 1], 0.5f);
            }
        }

        Normalize(vector);
        return vector;
    }

    /// <summary>Lower-cased runs of letters and digits, with a light plural/verb suffix strip so "drops" meets "drop".</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                tokens.Add(Stem(word.ToString()));
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            tokens.Add(Stem(word.ToString()));
        }

        return tokens;
    }

    /// <summary>L2-normalises in place (a zero vector stays zero).</summary>
    public static void Normalize(float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        double norm = 0;
        foreach (var v in vector)
        {
            norm += v * v;
        }

        if (norm <= 0)
        {
            return;
        }

        var scale = (float)(1.0 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    private static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 3 && word.EndsWith("es", StringComparison.Ordinal) && !word.EndsWith("ses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private void Add(float[] vector, string feature, float weight)
    {
        var hash = Fnv1a(feature);
        var bucket = (int)(hash % (ulong)Dimensions);
        vector[bucket] += (hash >> 63) == 0 ? weight : -weight;
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }
}
