using System.Text.RegularExpressions;

namespace AsiArch.Sdk.Tests.Docs;

/// <summary>
/// docs/extending.md shows code copied from the samples and tests: every block after a
/// <c>&lt;!-- snippet: PATH#NAME --&gt;</c> line must equal the <c>// &lt;snippet:NAME&gt;</c> region of PATH, so the
/// documentation cannot drift from code that compiles. Fix a failure with <c>python3 scripts/docs/sync-snippets.py</c>.
/// </summary>
public sealed partial class ExtendingDocTests
{
    private static readonly string Root = RepositoryRoot();

    public static TheoryData<string, string> Snippets()
    {
        var data = new TheoryData<string, string>();
        foreach (Match m in SnippetMarker().Matches(File.ReadAllText(Path.Combine(Root, "docs", "extending.md"))))
        {
            data.Add(m.Groups[1].Value, m.Groups[2].Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_InDocs_MatchesItsSourceRegion(string path, string name)
    {
        var expected = Region(path, name);

        var actual = DocBlock(path, name);

        Assert.True(
            expected == actual,
            $"docs/extending.md snippet {path}#{name} differs from the source; run python3 scripts/docs/sync-snippets.py.\n--- source ---\n{expected}\n--- doc ---\n{actual}");
    }

    [Fact]
    public void Doc_CoversEveryExtensionKind()
    {
        var names = Snippets().Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string> { "parity-benchmark", "use-benchmark", "lab-notebook-researcher", "use-lab-notebook", "scoreboard-analyst", "use-human-review", "researcher-conformance" },
            names);
    }

    [Fact]
    public void Region_MissingMarker_IsReportedNotSilentlyEmpty()
    {
        Assert.Throws<InvalidOperationException>(() => Region("samples/CustomAgent/ScoreboardAnalyst.cs", "no-such-snippet"));
    }

    private static string Region(string path, string name)
    {
        var lines = Normalize(File.ReadAllText(Path.Combine(Root, path))).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"// <snippet:{name}>");
        var end = Array.FindIndex(lines, l => l.Trim() == $"// </snippet:{name}>");
        if (start < 0 || end <= start)
        {
            throw new InvalidOperationException($"{path} has no region // <snippet:{name}> ... // </snippet:{name}>.");
        }

        var body = lines[(start + 1)..end];
        var indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', body.Select(l => l.Trim().Length == 0 ? "" : l[indent..]));
    }

    private static string DocBlock(string path, string name)
    {
        var lines = Normalize(File.ReadAllText(Path.Combine(Root, "docs", "extending.md"))).Split('\n');
        var marker = Array.IndexOf(lines, $"<!-- snippet: {path}#{name} -->");
        Assert.True(marker >= 0 && lines[marker + 1].StartsWith("```", StringComparison.Ordinal), $"No code block after the {path}#{name} marker.");
        var end = Array.IndexOf(lines, "```", marker + 2);
        return string.Join('\n', lines[(marker + 2)..end]);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsiArch.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AsiArch.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^<!-- snippet: (.+)#([\w-]+) -->$", RegexOptions.Multiline)]
    private static partial Regex SnippetMarker();
}
