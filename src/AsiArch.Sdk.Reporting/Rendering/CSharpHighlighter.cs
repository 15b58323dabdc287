using System.Text;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>
/// A small lexical C# highlighter for displaying candidate sources (no parsing, no Roslyn): comments, strings
/// (regular, verbatim, interpolated, raw), characters, numbers, keywords and well-known types. Lossless: the tokens
/// concatenate back to the input, so nothing of the untrusted text is dropped or reinterpreted.
/// </summary>
public static class CSharpHighlighter
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "var", "virtual", "void", "volatile", "while", "record", "init", "required", "get", "set", "nameof",
        "when", "with", "and", "or", "not", "yield", "async", "await",
    };

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal)
    {
        "Tensor", "Module", "MixerOptions", "Linear", "Math", "MathF", "torch", "nn", "functional", "ShortConvolution",
        "RmsNorm", "GatedRmsNorm", "SequenceOps", "FeatureMaps", "FeatureMap", "Norms", "Heads", "Decays", "Parameter",
    };

    /// <summary>Splits <paramref name="source"/> into highlighted tokens.</summary>
    /// <param name="source">C# source (any text is accepted).</param>
    public static IReadOnlyList<SourceToken> Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new List<SourceToken>();
        var plain = new StringBuilder();
        void Flush()
        {
            if (plain.Length > 0)
            {
                tokens.Add(new SourceToken(SourceTokenKind.Plain, plain.ToString()));
                plain.Clear();
            }
        }

        void Emit(SourceTokenKind kind, int start, int end)
        {
            Flush();
            tokens.Add(new SourceToken(kind, source[start..end]));
        }

        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = source.IndexOf('\n', i);
                end = end < 0 ? source.Length : end;
                Emit(SourceTokenKind.Comment, i, end);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Emit(SourceTokenKind.Comment, i, end);
                i = end;
            }
            else if (c == '"' || ((c is '@' or '$') && (next == '"' || (next is '@' or '$' && i + 2 < source.Length && source[i + 2] == '"'))))
            {
                var end = StringEnd(source, i);
                Emit(SourceTokenKind.String, i, end);
                i = end;
            }
            else if (c == '\'')
            {
                var end = i + 1;
                while (end < source.Length && source[end] != '\'' && source[end] != '\n')
                {
                    end += source[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(source.Length, end + 1);
                Emit(SourceTokenKind.String, i, end);
                i = end;
            }
            else if (char.IsDigit(c) && (i == 0 || !IsIdentifierChar(source[i - 1])))
            {
                var end = i;
                while (end < source.Length && (char.IsLetterOrDigit(source[end]) || source[end] is '.' or '_'))
                {
                    if (source[end] == '.' && (end + 1 >= source.Length || !char.IsDigit(source[end + 1])))
                    {
                        break;
                    }

                    end++;
                }

                Emit(SourceTokenKind.Number, i, end);
                i = end;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = i;
                while (end < source.Length && IsIdentifierChar(source[end]))
                {
                    end++;
                }

                var word = source[i..end];
                if (Keywords.Contains(word))
                {
                    Emit(SourceTokenKind.Keyword, i, end);
                }
                else if (Types.Contains(word))
                {
                    Emit(SourceTokenKind.Type, i, end);
                }
                else
                {
                    plain.Append(word);
                }

                i = end;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }

        Flush();
        return tokens;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int StringEnd(string s, int start)
    {
        var i = start;
        var verbatim = false;
        while (s[i] != '"')
        {
            verbatim |= s[i] == '@';
            i++;
        }

        // Raw string literal: three or more quotes close with the same run.
        var quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            var close = s.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + quotes;
        }

        i++;
        while (i < s.Length)
        {
            if (verbatim && s[i] == '"' && i + 1 < s.Length && s[i + 1] == '"')
            {
                i += 2;
            }
            else if (!verbatim && s[i] == '\\')
            {
                i += 2;
            }
            else if (s[i] == '"' || (!verbatim && s[i] == '\n'))
            {
                return Math.Min(s.Length, i + 1);
            }
            else
            {
                i++;
            }
        }

        return s.Length;
    }
}
