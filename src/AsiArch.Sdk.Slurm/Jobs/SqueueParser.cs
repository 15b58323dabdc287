using System.Globalization;
using System.Text.Json;

namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>Reads job states from <c>squeue --json</c> or from <c>squeue --format</c> output.</summary>
internal static class SqueueParser
{
    /// <summary>The <c>--format</c> string <see cref="ParseFormatted"/> reads: task id, array id, index, state, reason, nodes, comment.</summary>
    public const string Format = "%i|%F|%K|%T|%r|%N|%k";

    /// <summary>Reads <c>squeue -h -r -t all -o <see cref="Format"/></c> output; rows that are not array tasks are skipped.</summary>
    public static List<SlurmJobStatus> ParseFormatted(string output)
    {
        var result = new List<SlurmJobStatus>();
        foreach (var raw in output.Split('\n'))
        {
            var parts = raw.Trim().Split('|');
            if (parts.Length < 6 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                continue;
            }

            var comment = parts.Length > 6 ? NullIfEmpty(string.Join('|', parts[6..])) : null;
            result.Add(new SlurmJobStatus(parts[1], index, SlurmStates.Normalize(parts[3]), NullIfEmpty(parts[4]), NullIfEmpty(parts[5]), comment));
        }

        return result;
    }

    /// <summary>
    /// Reads <c>squeue --json</c> output (OpenAPI v0.0.38 of Slurm 22.05 and the later shapes, where states are lists
    /// and numbers are objects). A pending array not yet split into tasks stands for every index in its task string.
    /// </summary>
    /// <exception cref="JsonException">The text is not squeue's JSON.</exception>
    public static List<SlurmJobStatus> ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("squeue --json output has no 'jobs' array.");
        }

        var result = new List<SlurmJobStatus>();
        foreach (var job in jobs.EnumerateArray())
        {
            var arrayId = Number(job, "array_job_id");
            if (arrayId is null or 0)
            {
                continue;
            }

            var arrayJobId = arrayId.Value.ToString(CultureInfo.InvariantCulture);
            var state = State(job);
            var reason = Text(job, "state_reason");
            var nodes = Text(job, "nodes");
            var comment = Text(job, "comment");
            if (Number(job, "array_task_id") is { } index)
            {
                result.Add(new SlurmJobStatus(arrayJobId, (int)index, state, reason, nodes, comment));
                continue;
            }

            foreach (var pendingIndex in ExpandTaskString(Text(job, "array_task_string") ?? ""))
            {
                result.Add(new SlurmJobStatus(arrayJobId, pendingIndex, state, reason, nodes, comment));
            }
        }

        return result;
    }

    /// <summary>Expands an array task string such as <c>0-3,7,9-13:2%4</c> into its indexes.</summary>
    public static IEnumerable<int> ExpandTaskString(string text)
    {
        var spec = text.Split('%')[0];
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var stepSplit = part.Split(':');
            var step = stepSplit.Length > 1 && int.TryParse(stepSplit[1], CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 1;
            var range = stepSplit[0].Split('-');
            if (!int.TryParse(range[0], CultureInfo.InvariantCulture, out var first))
            {
                continue;
            }

            var last = range.Length > 1 && int.TryParse(range[1], CultureInfo.InvariantCulture, out var l) ? l : first;
            for (var i = first; i <= last; i += step)
            {
                yield return i;
            }
        }
    }

    private static string State(JsonElement job)
    {
        if (!job.TryGetProperty("job_state", out var state))
        {
            return "UNKNOWN";
        }

        return state.ValueKind switch
        {
            JsonValueKind.String => SlurmStates.Normalize(state.GetString() ?? "UNKNOWN"),
            JsonValueKind.Array when state.GetArrayLength() > 0 => SlurmStates.Normalize(state[0].GetString() ?? "UNKNOWN"),
            _ => "UNKNOWN",
        };
    }

    private static long? Number(JsonElement job, string name)
    {
        if (!job.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
        {
            return n;
        }

        // Slurm 23.02+: {"set": true, "infinite": false, "number": 3}
        if (value.ValueKind == JsonValueKind.Object
            && (!value.TryGetProperty("set", out var set) || set.ValueKind == JsonValueKind.True)
            && value.TryGetProperty("number", out var number) && number.TryGetInt64(out var m))
        {
            return m;
        }

        return null;
    }

    private static string? Text(JsonElement job, string name) =>
        job.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NullIfEmpty(value.GetString() ?? "") : null;

    private static string? NullIfEmpty(string value) => value.Length == 0 || value is "(null)" or "None" or "N/A" ? null : value;
}
