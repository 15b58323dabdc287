using System.Text;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>UTF-8 bytes as tokens (vocabulary 256); documents are separated by a blank line.</summary>
internal sealed class ByteTextEncoder : ITextEncoder
{
    public static ByteTextEncoder Instance { get; } = new();

    public int VocabSize => 256;

    public void EncodeDocument(string text, List<long> output)
    {
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            output.Add(b);
        }

        if (!text.EndsWith("\n\n", StringComparison.Ordinal))
        {
            output.Add('\n');
            output.Add('\n');
        }
    }
}
