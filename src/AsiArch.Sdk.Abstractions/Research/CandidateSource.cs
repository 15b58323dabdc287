using System.Security.Cryptography;
using System.Text;

namespace AsiArch.Sdk;

/// <summary>
/// The full C# source of one candidate mixer: one public sealed class deriving <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c>
/// with a constructor taking <c>MixerOptions</c> (see docs/architecture.md, "candidate contract").
/// </summary>
public sealed record CandidateSource
{
    /// <summary>The file name used in diagnostics, e.g. <c>Layer.cs(18,66): error CS1002</c>.</summary>
    public const string DefaultFileName = "Layer.cs";

    /// <summary>Creates a source.</summary>
    public CandidateSource(string code, string fileName = DefaultFileName)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        Code = code;
        FileName = fileName;
    }

    /// <summary>The C# source text.</summary>
    public string Code { get; init; }

    /// <summary>The file name shown in diagnostics and stack traces.</summary>
    public string FileName { get; init; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Code"/> (UTF-8); the key of compile caches.</summary>
    public string Hash => ComputeHash(Code);

    /// <summary>Lower-case hex SHA-256 of a text (UTF-8).</summary>
    public static string ComputeHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
