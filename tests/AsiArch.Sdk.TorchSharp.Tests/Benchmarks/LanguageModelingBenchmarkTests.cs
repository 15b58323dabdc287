using System.Text;
using AsiArch.Sdk.TorchSharp.Benchmarks;
using static AsiArch.Sdk.TorchSharp.Tests.Benchmarks.BenchmarkTestData;

namespace AsiArch.Sdk.TorchSharp.Tests.Benchmarks;

public sealed class LanguageModelingBenchmarkTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("asiarch-lm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PrepareAsync_NoCorpus_UsesEmbeddedShakespeare()
    {
        var data = Prepare(new LanguageModelingBenchmark(), 32, 0);
        Assert.Equal(256, data.VocabSize);
        var batch = data.NextTrainingBatch(2);
        Assert.All(batch.LossMask, m => Assert.Equal(1f, m));
        Assert.Equal(batch.Inputs.AsSpan(1, 31).ToArray(), batch.Targets.AsSpan(0, 31).ToArray());
        Assert.Contains("First Citizen", LanguageModelingBenchmark.ReadDefaultCorpus(), StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_TextCorpus_ValidationComesFromTheHeldOutTail()
    {
        // Each line is a distinct number, so a window's content tells where in the file it came from.
        var text = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i:D5}\n"));
        var path = Write("corpus.txt", text);
        var data = (LanguageModelingData)Prepare(new LanguageModelingBenchmark(), 16, 1, ("corpus", path), ("validation_fraction", "0.2"));
        var trainText = Encoding.UTF8.GetString([.. Enumerable.Range(0, 50).SelectMany(_ => data.NextTrainingBatch(4).Targets).Select(t => (byte)t)]);
        var validationText = Encoding.UTF8.GetString([.. data.ValidationBatches(4, 3).SelectMany(b => b.Inputs).Select(t => (byte)t)]);
        var maxTrain = Lines(trainText).Max();
        var minValidation = Lines(validationText).Min();
        Assert.True(maxTrain < minValidation, $"training reached line {maxTrain}, validation starts at {minValidation}");
        Assert.True(minValidation >= 1590, "validation is the last fifth of the corpus");
        Assert.Equal(data.ValidationBatches(4, 3)[0].Inputs, data.ValidationBatches(4, 3)[0].Inputs);
    }

    [Fact]
    public void PrepareAsync_Jsonl_JoinsDocumentsAndGpt2Tokenizes()
    {
        var lines = Enumerable.Range(0, 200).Select(i => $$"""{"text": "Document {{i}} says hello to the world.", "id": {{i}}}""");
        var path = Write("docs.jsonl", string.Join('\n', lines) + "\n\n");
        var data = Prepare(new LanguageModelingBenchmark(), 16, 0, ("corpus", path), ("tokenizer", "gpt2"));
        Assert.Equal(50257, data.VocabSize);
        var batch = data.NextTrainingBatch(8);
        Assert.All(batch.Inputs, t => Assert.InRange(t, 0, 50256));
        Assert.Contains(50256L, data.ValidationBatches(8, 2).SelectMany(b => b.Inputs));
    }

    [Theory]
    [InlineData("{\"text\": \"ok\"}\n{\"text\": 3}\n", ":2: \"text\" must be a string")]
    [InlineData("{\"text\": \"ok\"}\n\n[1, 2]\n", ":3: expected a JSON object")]
    [InlineData("{\"body\": \"x\"}\n", ":1: the object has no \"text\" property")]
    [InlineData("{\"text\": \"ok\"}\n{\"text\": \"unterminated\n", ":2: not valid JSON")]
    public async Task PrepareAsync_BadJsonlLine_NamesTheLine(string content, string expected)
    {
        var path = Write("bad.jsonl", content);
        var setup = new BenchmarkSetup { SequenceLength = 4, Settings = new Dictionary<string, string> { ["corpus"] = path } };
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => new LanguageModelingBenchmark().PrepareAsync(setup));
        Assert.Contains(path + expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAsync_MissingEmptyOrShortCorpus_ThrowsClearly()
    {
        Task Run(string path) => new LanguageModelingBenchmark().PrepareAsync(new BenchmarkSetup
        {
            SequenceLength = 64,
            Settings = new Dictionary<string, string> { ["corpus"] = path },
        });

        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => Run(Path.Combine(_dir, "nope.txt")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        var empty = await Assert.ThrowsAsync<InvalidDataException>(() => Run(Write("empty.txt", "  \n")));
        Assert.Contains("holds no text", empty.Message, StringComparison.Ordinal);
        var shortOne = await Assert.ThrowsAsync<InvalidDataException>(() => Run(Write("short.txt", new string('a', 100))));
        Assert.Contains("too short", shortOne.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tokenizer", "sentencepiece", "unknown tokenizer")]
    [InlineData("format", "csv", "unknown format")]
    [InlineData("validation_fraction", "0.9", "must be in [0.001, 0.5]")]
    public async Task PrepareAsync_BadSetting_Throws(string key, string value, string expected)
    {
        var setup = new BenchmarkSetup { SequenceLength = 8, Settings = new Dictionary<string, string> { [key] = value } };
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => new LanguageModelingBenchmark().PrepareAsync(setup));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<int> Lines(string text) =>
        text.Split('\n').Where(l => l.Length == 5).Select(int.Parse);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
