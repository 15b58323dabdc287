using System.Globalization;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>
/// Next-token language modelling on a text corpus, scored by validation loss on a held-out tail of the corpus.
/// Settings: <c>corpus</c> (path to plain text, or JSON Lines with <c>{"text": ...}</c> per line; default: an
/// embedded ~300 KB excerpt of Tiny Shakespeare, public domain, so it works offline), <c>format</c>
/// (<c>auto</c>|<c>text</c>|<c>jsonl</c>; auto picks JSONL for a <c>.jsonl</c> file), <c>tokenizer</c>
/// (<c>bytes</c>, default, vocabulary 256 | <c>gpt2</c>, GPT-2 BPE, vocabulary 50,257, no download),
/// <c>validation_fraction</c> (share of tokens held out at the end, default 0.1), <c>length</c>.
/// </summary>
public sealed class LanguageModelingBenchmark : IBenchmark
{
    /// <summary>The registered name.</summary>
    public const string Name = "lm";

    /// <summary>Manifest name suffix of the embedded default corpus.</summary>
    internal const string DefaultCorpusResource = "tinyshakespeare-300k.txt";

    private static readonly string[] KnownSettings = ["corpus", "format", "tokenizer", "validation_fraction", "length"];

    /// <inheritdoc />
    public BenchmarkDescriptor Descriptor { get; } = new()
    {
        Name = Name,
        Description = "Language modelling: next-token loss on a held-out tail of a text corpus.",
        PrimaryMetric = "validation_loss",
        HigherIsBetter = false,
    };

    /// <inheritdoc />
    /// <exception cref="FileNotFoundException">The <c>corpus</c> file does not exist.</exception>
    /// <exception cref="InvalidDataException">The corpus is empty, too short, or has a malformed JSONL line.</exception>
    public Task<IBenchmarkData> PrepareAsync(BenchmarkSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var settings = new BenchmarkSettings(Name, setup.Settings, KnownSettings);
        var length = settings.GetInt("length", setup.SequenceLength, 1);
        var fraction = settings.GetDouble("validation_fraction", 0.1, 0.001, 0.5);
        var encoder = (settings.GetString("tokenizer") ?? "bytes").ToLowerInvariant() switch
        {
            "bytes" => (ITextEncoder)ByteTextEncoder.Instance,
            "gpt2" => Gpt2TextEncoder.Instance,
            var other => throw settings.Invalid($"unknown tokenizer '{other}'; use 'bytes' or 'gpt2'.", "tokenizer"),
        };
        bool? jsonLines = (settings.GetString("format") ?? "auto").ToLowerInvariant() switch
        {
            "auto" => null,
            "text" => false,
            "jsonl" => true,
            var other => throw settings.Invalid($"unknown format '{other}'; use 'auto', 'text' or 'jsonl'.", "format"),
        };

        var path = settings.GetString("corpus");
        var source = path ?? "(embedded Tiny Shakespeare excerpt)";
        var documents = path is null ? [ReadDefaultCorpus()] : CorpusReader.Read(path, jsonLines);
        cancellationToken.ThrowIfCancellationRequested();

        var tokens = new List<long>();
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            encoder.EncodeDocument(document, tokens);
        }

        // Both sides need at least one full window (length inputs + 1 target).
        var held = Math.Max(length + 1, (int)Math.Ceiling(tokens.Count * fraction));
        var split = tokens.Count - held;
        if (split < length + 1)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"Language-modelling corpus {source} is too short: {tokens.Count} tokens, but a training and a held-out " +
                $"window of {length + 1} tokens each need at least {2 * (length + 1) + (held - length - 1)} " +
                $"(validation_fraction {fraction})."));
        }

        IBenchmarkData data = new LanguageModelingData([.. tokens], encoder.VocabSize, length, split, setup.Seed);
        return Task.FromResult(data);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        AsiArchComponentExtensions.ResolveService(this, null, serviceType, serviceKey);

    /// <summary>The embedded default corpus text.</summary>
    internal static string ReadDefaultCorpus()
    {
        var assembly = typeof(LanguageModelingBenchmark).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(DefaultCorpusResource, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The embedded default corpus '{DefaultCorpusResource}' is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
