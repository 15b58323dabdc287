namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>Turns corpus text into token ids for the language-modelling task.</summary>
internal interface ITextEncoder
{
    /// <summary>Token ids are in [0, VocabSize).</summary>
    int VocabSize { get; }

    /// <summary>Appends the tokens of one document, followed by a document separator.</summary>
    void EncodeDocument(string text, List<long> output);
}
