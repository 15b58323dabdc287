using System.Text.Json;

namespace AsiArch.Sdk.TorchSharp.Benchmarks;

/// <summary>Reads a text corpus: a plain text file (one document) or JSON Lines with a string <c>text</c> per line.</summary>
internal static class CorpusReader
{
    /// <summary>Reads the documents of <paramref name="path"/>; <paramref name="jsonLines"/> null decides by extension.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty or a JSONL line is not an object with a string <c>text</c>.</exception>
    public static IReadOnlyList<string> Read(string path, bool? jsonLines)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Language-modelling corpus '{path}' (setting 'corpus') does not exist.", path);
        }

        var isJsonLines = jsonLines ?? path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        var documents = isJsonLines ? ReadJsonLines(path) : [File.ReadAllText(path)];
        if (documents.All(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException($"Language-modelling corpus '{path}' holds no text.");
        }

        return documents;
    }

    /// <summary>Parses JSON Lines text (exposed for tests); blank lines are skipped.</summary>
    internal static List<string> ParseJsonLines(TextReader reader, string source)
    {
        var documents = new List<string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{source}:{lineNumber}: not valid JSON ({ex.Message}).", ex);
            }

            using (json)
            {
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException(
                        $"{source}:{lineNumber}: expected a JSON object with a \"text\" string, got {json.RootElement.ValueKind}.");
                }

                if (!json.RootElement.TryGetProperty("text", out var text))
                {
                    throw new InvalidDataException($"{source}:{lineNumber}: the object has no \"text\" property.");
                }

                if (text.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{source}:{lineNumber}: \"text\" must be a string, got {text.ValueKind}.");
                }

                documents.Add(text.GetString()!);
            }
        }

        return documents;
    }

    private static List<string> ReadJsonLines(string path)
    {
        using var reader = new StreamReader(path);
        return ParseJsonLines(reader, path);
    }
}
