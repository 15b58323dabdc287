using System.Collections;
using System.Globalization;
using System.Text;

namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>
/// Writes the <c>sbatch</c> script of one job array: resources from <see cref="SlurmOptions"/>, an environment built
/// from an allow-list (sbatch itself runs with only the allow-listed variables and exports them, so no credential of
/// the submitting process reaches candidate code), and a body that runs task <c>$SLURM_ARRAY_TASK_ID</c>'s job file with the worker command, records
/// each attempt (job id, restart count, node, GPUs), stops the worker on the time-limit warning signal and writes the
/// exit code last.
/// </summary>
internal static class BatchScript
{
    /// <summary>The signal Slurm sends before the time limit.</summary>
    public const string WarningSignal = "USR1";

    private static readonly string[] CredentialMarkers = ["KEY", "SECRET", "TOKEN", "PASSWORD", "PASSWD", "CONNECTION", "CREDENTIAL", "AUTH"];

    /// <summary>True when a variable name looks like it holds a credential.</summary>
    public static bool LooksLikeCredential(string name) =>
        CredentialMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));

    /// <summary>The script text.</summary>
    /// <param name="options">Resources and environment.</param>
    /// <param name="batchDirectory">The array's directory; task <c>i</c> lives in <c>i/</c> below it.</param>
    /// <param name="arrayIndexes">The array's task indexes, e.g. <c>0-3</c>.</param>
    /// <param name="timeLimit">The job time limit.</param>
    /// <param name="threads">Torch threads per job.</param>
    /// <param name="workerCommand">The program and arguments that run a job file (its path is appended).</param>
    /// <param name="environment">This process's environment (the allow-listed names are copied).</param>
    public static string Render(
        SlurmOptions options,
        string batchDirectory,
        string arrayIndexes,
        TimeSpan timeLimit,
        int threads,
        IReadOnlyList<string> workerCommand,
        IDictionary environment)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        Sbatch(s, $"--job-name={options.JobName}");
        Sbatch(s, $"--comment={CommentFor(batchDirectory)}");
        var throttle = options.MaxConcurrentArrayTasks is { } max ? $"%{max}" : "";
        Sbatch(s, $"--array={arrayIndexes}{throttle}");
        Sbatch(s, $"--output={Path.Combine(batchDirectory, "slurm-%a.out")}");
        Sbatch(s, "--open-mode=append");
        Sbatch(s, "--export=ALL");
        Sbatch(s, "--nodes=1");
        Sbatch(s, "--ntasks=1");
        Sbatch(s, $"--time={TimeLimitMinutes(timeLimit)}");
        Sbatch(s, $"--mem={options.MemoryMegabytes}");
        Sbatch(s, $"--cpus-per-task={options.CpusPerTask}");
        if (options.GpusPerJob > 0)
        {
            Sbatch(s, options.GpuType is null ? $"--gres=gpu:{options.GpusPerJob}" : $"--gres=gpu:{options.GpuType}:{options.GpusPerJob}");
        }

        Sbatch(s, options.Requeue ? "--requeue" : "--no-requeue");
        if (options.SignalLeadTime > TimeSpan.Zero)
        {
            Sbatch(s, $"--signal=B:{WarningSignal}@{(int)Math.Ceiling(options.SignalLeadTime.TotalSeconds)}");
        }

        if (options.Partition is not null)
        {
            Sbatch(s, $"--partition={options.Partition}");
        }

        if (options.Account is not null)
        {
            Sbatch(s, $"--account={options.Account}");
        }

        foreach (var line in options.ExtraSbatchLines)
        {
            var trimmed = line.Trim();
            s.Append(trimmed.StartsWith("#SBATCH ", StringComparison.Ordinal) ? trimmed : "#SBATCH " + trimmed).Append('\n');
        }

        s.Append("# Written by AsiArch.Sdk.Slurm: task $SLURM_ARRAY_TASK_ID trains the job file in its own directory.\n");
        foreach (var (name, value) in AllowedEnvironment(options, environment))
        {
            s.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }

        var threadText = threads.ToString(CultureInfo.InvariantCulture);
        s.Append("export OMP_NUM_THREADS=").Append(threadText).Append(" MKL_NUM_THREADS=").Append(threadText)
            .Append(" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_DbgEnableMiniDump=0\n");
        s.Append("task_dir=").Append(Quote(batchDirectory)).Append("/\"$SLURM_ARRAY_TASK_ID\"\n");
        s.Append("""
            cd "$task_dir" || exit 90
            export HOME="$task_dir" TMPDIR="$task_dir/tmp"
            mkdir -p "$TMPDIR"
            rm -f exitcode exitcode.tmp signalled worker.out worker.err
            printf '%s %s %s %s %s\n' "${SLURM_JOB_ID:-?}" "${SLURM_RESTART_COUNT:-0}" "$(hostname -s)" "${SLURM_JOB_GPUS:--}" "${CUDA_VISIBLE_DEVICES:--}" >> attempts

            """);
        foreach (var line in options.SetupLines)
        {
            s.Append(line).Append('\n');
        }

        s.Append("child=\n");
        s.Append("trap ': > signalled; [ -n \"$child\" ] && kill -TERM \"$child\" 2>/dev/null' ").Append(WarningSignal).Append('\n');
        foreach (var part in workerCommand)
        {
            s.Append(Quote(part)).Append(' ');
        }

        s.Append("\"$task_dir/job.json\" > worker.out 2> worker.err &\n");
        s.Append("""
            child=$!
            while :; do
              wait "$child"; rc=$?
              kill -0 "$child" 2>/dev/null || break
            done
            printf '%s\n' "$rc" > exitcode.tmp && mv exitcode.tmp exitcode
            exit "$rc"

            """);
        return s.ToString();
    }

    /// <summary>
    /// The variables of <paramref name="environment"/> named in <see cref="SlurmOptions.ExportedEnvironmentVariables"/>
    /// (plus <c>SLURM_CONF</c>, which the Slurm commands need), never one that looks like a credential.
    /// </summary>
    public static List<KeyValuePair<string, string>> AllowedEnvironment(SlurmOptions options, IDictionary environment)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var name in options.ExportedEnvironmentVariables.Append("SLURM_CONF").Distinct(StringComparer.Ordinal))
        {
            if (IsVariableName(name) && !LooksLikeCredential(name) && environment[name] is string value && !value.Contains('\n', StringComparison.Ordinal))
            {
                result.Add(new(name, value));
            }
        }

        return result;
    }

    /// <summary>
    /// The job comment that ties an array to its batch directory: a controller that lost its newest jobs (killed before it
    /// saved its state) may give their ids to other jobs, and the comment tells them apart.
    /// </summary>
    public static string CommentFor(string batchDirectory) => "asiarch:" + Path.GetFileName(batchDirectory.TrimEnd('/'));

    /// <summary>A time limit in whole minutes, rounded up (Slurm's unit), at least 1.</summary>
    public static int TimeLimitMinutes(TimeSpan limit) => Math.Max(1, (int)Math.Ceiling(limit.TotalMinutes - 1e-9));

    /// <summary>Single-quotes <paramref name="value"/> for bash.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Sbatch(StringBuilder s, string option) => s.Append("#SBATCH ").Append(option).Append('\n');

    private static bool IsVariableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
