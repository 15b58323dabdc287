using System.Globalization;
using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>
/// The files of one array task in the shared directory: what the host wrote (<c>job.json</c>, <c>candidate.dll</c>)
/// and what the job script and the worker leave behind (<c>worker.out</c> with the protocol lines, <c>worker.err</c>,
/// <c>attempts</c>, <c>signalled</c>, <c>exitcode</c>).
/// </summary>
internal sealed class TaskFiles(string directory)
{
    private const int ErrorTailChars = 8_000;

    public string Directory { get; } = directory;

    public string JobFile => Path.Combine(Directory, "job.json");

    public string WorkerOutput => Path.Combine(Directory, "worker.out");

    /// <summary>The worker's exit code once the script wrote it, else null.</summary>
    public int? ExitCode =>
        File.Exists(Path.Combine(Directory, "exitcode"))
        && int.TryParse(SafeRead(Path.Combine(Directory, "exitcode")).Trim(), CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    /// <summary>True when the job script got Slurm's time-limit warning.</summary>
    public bool Signalled => File.Exists(Path.Combine(Directory, "signalled"));

    /// <summary>One entry per time the job started (requeues add one each).</summary>
    public IReadOnlyList<TaskAttempt> Attempts =>
        SafeRead(Path.Combine(Directory, "attempts")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(TaskAttempt.Parse)
            .OfType<TaskAttempt>()
            .ToList();

    /// <summary>The end of the worker's standard error.</summary>
    public string ErrorTail
    {
        get
        {
            var text = SafeRead(Path.Combine(Directory, "worker.err"));
            return text.Length > ErrorTailChars ? text[^ErrorTailChars..] : text;
        }
    }

    /// <summary>The worker's result line, or null when it printed none (or an unreadable one).</summary>
    public WorkerMessage? ReadResult() => ReadMessages(WorkerOutput, 0, out _).LastOrDefault(m => m.Type == "result");

    /// <summary>Protocol lines written after byte <paramref name="offset"/>; <paramref name="next"/> is where to read on.</summary>
    public static List<WorkerMessage> ReadMessages(string path, long offset, out long next)
    {
        next = offset;
        var messages = new List<WorkerMessage>();
        if (!File.Exists(path))
        {
            return messages;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset)
            {
                offset = 0; // the file was recreated by a requeued attempt
            }

            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var complete = text.LastIndexOf('\n');
            if (complete < 0)
            {
                next = offset;
                return messages;
            }

            next = offset + System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, complete + 1));
            foreach (var line in text[..complete].Split('\n'))
            {
                if (!line.StartsWith(WorkerMessage.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                try
                {
                    if (JsonSerializer.Deserialize<WorkerMessage>(line.AsSpan(WorkerMessage.Prefix.Length), WorkerJson.Options) is { } message)
                    {
                        messages.Add(message);
                    }
                }
                catch (JsonException)
                {
                    // A torn or foreign line: the worker writes whole lines, so skip it.
                }
            }
        }
        catch (IOException)
        {
            // Read again at the next poll.
        }

        return messages;
    }

    /// <summary>Deletes the directory (best effort).</summary>
    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open on a node that is going away; the shared directory is cleaned with the run.
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
