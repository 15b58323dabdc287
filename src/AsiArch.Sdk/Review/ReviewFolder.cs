using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AsiArch.Sdk.Review;

/// <summary>
/// The file protocol between <see cref="HumanReviewResearcher"/> and the scientist (or <c>asiarch review</c>). Each
/// proposal gets a folder <c>pending/&lt;id&gt;/</c> holding <c>Layer.cs</c> and <c>motivation.md</c> (editable),
/// <c>proposal.json</c> (what was proposed) and <c>decision.txt</c>, whose first line the scientist changes from
/// <c>pending</c> to <c>approve</c>, <c>edit</c> or <c>reject</c> (lines below are a note). Once read, the folder moves
/// to <c>decided/&lt;id&gt;/</c> with an <c>outcome.json</c>.
/// </summary>
public sealed class ReviewFolder
{
    /// <summary>The editable source file of an item.</summary>
    public const string SourceFile = "Layer.cs";

    /// <summary>The editable motivation file of an item.</summary>
    public const string MotivationFile = "motivation.md";

    /// <summary>The decision file of an item.</summary>
    public const string DecisionFile = "decision.txt";

    /// <summary>What was proposed (read-only for the scientist).</summary>
    public const string ProposalFile = "proposal.json";

    /// <summary>Written when a decision file cannot be read, saying why.</summary>
    public const string ProblemFile = "problem.txt";

    /// <summary>The recorded outcome of a decided item.</summary>
    public const string OutcomeFile = "outcome.json";

    private const string PendingLine = "pending";

    private static readonly string DecisionTemplate = string.Join('\n',
        PendingLine,
        "# Replace the first line with one word, then save. Lines below it (not starting with #) are your note.",
        "#   approve  train the proposal as it is",
        "#   edit     train Layer.cs and motivation.md as you changed them in this folder",
        "#   reject   do not train it; the researcher proposes again, away from it",
        "");

    /// <summary>Opens (and creates) the review folder at <paramref name="root"/>.</summary>
    public ReviewFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        PendingDirectory = Path.Combine(Root, "pending");
        DecidedDirectory = Path.Combine(Root, "decided");
        Directory.CreateDirectory(PendingDirectory);
        Directory.CreateDirectory(DecidedDirectory);
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>Where items wait.</summary>
    public string PendingDirectory { get; }

    /// <summary>Where decided items go.</summary>
    public string DecidedDirectory { get; }

    /// <summary>Writes <paramref name="proposal"/> as a new pending item and returns its id.</summary>
    public string Submit(Proposal proposal, long? experimentIndex, DateTimeOffset submittedAt)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var stem = $"{submittedAt.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Sanitize(proposal.Name)}-{proposal.Source.Hash[..8]}";
        // Written into a staging folder and moved in, so a reader never sees half an item.
        var staging = Path.Combine(Root, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, SourceFile), proposal.Source.Code, Encoding.UTF8);
        File.WriteAllText(Path.Combine(staging, MotivationFile), proposal.Motivation, Encoding.UTF8);
        File.WriteAllText(Path.Combine(staging, ProposalFile), JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = proposal.Name,
            ["experimentIndex"] = experimentIndex,
            ["submittedAt"] = submittedAt,
            ["sourceHash"] = proposal.Source.Hash,
        }, new JsonSerializerOptions { WriteIndented = true }), Encoding.UTF8);
        File.WriteAllText(Path.Combine(staging, DecisionFile), DecisionTemplate, Encoding.UTF8);
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? stem : $"{stem}-{n}";
            if (Directory.Exists(Path.Combine(PendingDirectory, id)) || Directory.Exists(Path.Combine(DecidedDirectory, id)))
            {
                continue;
            }

            try
            {
                Directory.Move(staging, Path.Combine(PendingDirectory, id));
                return id;
            }
            catch (IOException) when (Directory.Exists(Path.Combine(PendingDirectory, id)) && n < 1000)
            {
                // Another submission took this id between the check and the move: try the next one.
            }
        }
    }

    /// <summary>The pending items, oldest first.</summary>
    public IReadOnlyList<ReviewItem> ListPending() =>
        Directory.EnumerateDirectories(PendingDirectory)
            .Select(d => Read(Path.GetFileName(d)))
            .OfType<ReviewItem>()
            .OrderBy(i => i.SubmittedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>The pending item <paramref name="id"/>, or null.</summary>
    public ReviewItem? Read(string id)
    {
        var directory = PendingPath(id);
        if (!File.Exists(Path.Combine(directory, ProposalFile)))
        {
            return null;
        }

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, ProposalFile)));
        var root = meta.RootElement;
        return new ReviewItem
        {
            Id = id,
            Directory = directory,
            Name = root.GetProperty("name").GetString() ?? id,
            Motivation = ReadText(Path.Combine(directory, MotivationFile)),
            Source = ReadText(Path.Combine(directory, SourceFile)),
            SubmittedAt = root.TryGetProperty("submittedAt", out var at) && at.TryGetDateTimeOffset(out var when) ? when : default,
            ExperimentIndex = root.TryGetProperty("experimentIndex", out var index) && index.ValueKind == JsonValueKind.Number ? index.GetInt64() : null,
        };
    }

    /// <summary>Reads the decision file of pending item <paramref name="id"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">No pending item has that id.</exception>
    public ReviewFileDecision ReadDecision(string id)
    {
        var path = Path.Combine(PendingPath(id), DecisionFile);
        if (!Directory.Exists(PendingPath(id)))
        {
            throw new DirectoryNotFoundException($"No pending review item '{id}' in {PendingDirectory}.");
        }

        if (!File.Exists(path))
        {
            return new ReviewFileDecision { Problem = $"{DecisionFile} is missing; write one whose first line is approve, edit or reject." };
        }

        var lines = ReadText(path).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var first = lines.FindIndex(l => l.Trim().Length > 0);
        if (first < 0)
        {
            return new ReviewFileDecision { Problem = $"{DecisionFile} is empty; its first line must be approve, edit or reject." };
        }

        var verb = lines[first].Trim().ToLowerInvariant();
        var note = string.Join('\n', lines.Skip(first + 1)).Trim();
        return verb switch
        {
            PendingLine => new ReviewFileDecision(),
            "approve" or "approved" => new ReviewFileDecision { Decision = ReviewDecision.Approve, Note = note },
            "edit" or "edited" => new ReviewFileDecision { Decision = ReviewDecision.Edit, Note = note },
            "reject" or "rejected" => new ReviewFileDecision { Decision = ReviewDecision.Reject, Note = note },
            _ => new ReviewFileDecision { Problem = $"The first line of {DecisionFile} is '{lines[first].Trim()}'; it must be approve, edit or reject (or pending)." },
        };
    }

    /// <summary>Records a decision for pending item <paramref name="id"/> (what <c>asiarch review</c> does).</summary>
    /// <exception cref="DirectoryNotFoundException">No pending item has that id.</exception>
    public void WriteDecision(string id, ReviewDecision decision, string? note = null)
    {
        var directory = PendingPath(id);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No pending review item '{id}' in {PendingDirectory}.");
        }

        var text = decision.ToString().ToLowerInvariant() + "\n" + (string.IsNullOrWhiteSpace(note) ? "" : note.Trim() + "\n");
        var temp = Path.Combine(directory, DecisionFile + ".tmp");
        File.WriteAllText(temp, text, Encoding.UTF8);
        File.Move(temp, Path.Combine(directory, DecisionFile), overwrite: true);
    }

    /// <summary>Notes a problem with the decision file next to it, so the scientist sees why nothing happens.</summary>
    public void ReportProblem(string id, string problem) =>
        File.WriteAllText(Path.Combine(PendingPath(id), ProblemFile), problem + "\n", Encoding.UTF8);

    /// <summary>Writes the outcome and moves the item to <c>decided/</c>.</summary>
    public void Archive(string id, ReviewOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var directory = PendingPath(id);
        File.WriteAllText(Path.Combine(directory, OutcomeFile), outcome.ToJson(), Encoding.UTF8);
        File.Delete(Path.Combine(directory, ProblemFile));
        Directory.Move(directory, Path.Combine(DecidedDirectory, id));
    }

    private string PendingPath(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal) || id is "." or "..")
        {
            throw new ArgumentException($"'{id}' is not a review item id.", nameof(id));
        }

        return Path.Combine(PendingDirectory, id);
    }

    private static string ReadText(string path) => File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal) : "";

    private static string Sanitize(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').Take(48).ToArray();
        return chars.Length == 0 ? "proposal" : new string(chars);
    }
}
