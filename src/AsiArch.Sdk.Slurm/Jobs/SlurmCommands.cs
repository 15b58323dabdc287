using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>Runs <c>sbatch</c>, <c>squeue</c> and <c>scancel</c> and reads what they print.</summary>
internal sealed class SlurmCommands
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly SlurmOptions _options;
    private bool? _jsonWorks;

    public SlurmCommands(SlurmOptions options)
    {
        _options = options;
    }

    /// <summary>True when <c>squeue --json</c> answered with JSON (known after the first successful query).</summary>
    public bool? UsesJson => _jsonWorks;

    /// <summary>The full path of a Slurm command, or its bare name (searched on PATH).</summary>
    public string PathOf(string command) => _options.SlurmBinDirectory is { } dir ? Path.Combine(dir, command) : command;

    /// <summary>True when the Slurm client commands can be started here.</summary>
    public static bool Available(string? binDirectory = null)
    {
        if (binDirectory is not null)
        {
            return File.Exists(Path.Combine(binDirectory, "sbatch")) && File.Exists(Path.Combine(binDirectory, "squeue"));
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(d => File.Exists(Path.Combine(d, "sbatch")) && File.Exists(Path.Combine(d, "squeue")));
    }

    /// <summary>Submits <paramref name="scriptPath"/> and returns the job id <c>sbatch --parsable</c> printed.</summary>
    public async Task<CommandResult> SubmitAsync(string scriptPath, CancellationToken cancellationToken) =>
        await RunAsync("sbatch", ["--parsable", scriptPath], cancellationToken).ConfigureAwait(false);

    /// <summary>Submits task <paramref name="arrayIndexes"/> of <paramref name="scriptPath"/> again (the command line overrides the script's array).</summary>
    public async Task<CommandResult> SubmitAsync(string scriptPath, string arrayIndexes, CancellationToken cancellationToken) =>
        await RunAsync("sbatch", ["--parsable", "--array=" + arrayIndexes, scriptPath], cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the job id from <c>sbatch --parsable</c> output (<c>ID</c> or <c>ID;CLUSTER</c>).</summary>
    public static string? ParseJobId(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        var id = line.Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : null;
    }

    /// <summary>
    /// The states of every task of the arrays <paramref name="arrayJobIds"/> the controller still knows (finished jobs
    /// stay known for its <c>MinJobAge</c>). Null when the controller could not be reached.
    /// </summary>
    /// <exception cref="SlurmException">squeue failed for another reason.</exception>
    public async Task<List<SlurmJobStatus>?> QueryAsync(IReadOnlyCollection<string> arrayJobIds, CancellationToken cancellationToken)
    {
        if (arrayJobIds.Count == 0)
        {
            return [];
        }

        var wanted = new HashSet<string>(arrayJobIds, StringComparer.Ordinal);
        if (_options.UseJsonStatus && _jsonWorks != false)
        {
            var json = await RunAsync("squeue", ["--json"], cancellationToken).ConfigureAwait(false);
            if (json.ExitCode == 0 && json.Output.TrimStart().StartsWith('{'))
            {
                try
                {
                    var parsed = SqueueParser.ParseJson(json.Output);
                    _jsonWorks = true;
                    return parsed.Where(s => wanted.Contains(s.ArrayJobId)).ToList();
                }
                catch (JsonException) when (_jsonWorks is null)
                {
                    _jsonWorks = false;
                }
            }
            else if (json.ControllerUnreachable)
            {
                return null;
            }
            else if (_jsonWorks is null)
            {
                // This squeue has no JSON output (built without the openapi plugins, or older than 21.08).
                _jsonWorks = false;
            }
            else
            {
                throw new SlurmException($"squeue --json failed (exit {json.ExitCode}): {json.Error.Trim()}");
            }
        }

        var text = await RunAsync(
            "squeue",
            ["-h", "-r", "-t", "all", "-j", string.Join(',', arrayJobIds), "-o", SqueueParser.Format],
            cancellationToken).ConfigureAwait(false);
        if (text.ExitCode == 0)
        {
            return SqueueParser.ParseFormatted(text.Output).Where(s => wanted.Contains(s.ArrayJobId)).ToList();
        }

        if (text.ControllerUnreachable)
        {
            return null;
        }

        if (text.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            // Every id asked for is unknown (purged after MinJobAge): report none.
            return [];
        }

        throw new SlurmException($"squeue failed (exit {text.ExitCode}): {text.Error.Trim()}");
    }

    /// <summary>Cancels the given jobs or array tasks (<c>ID_INDEX</c>); unknown or finished ones are ignored.</summary>
    public async Task<CommandResult> CancelAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken) =>
        jobIds.Count == 0
            ? new CommandResult(0, "", "")
            : await RunAsync("scancel", [.. jobIds], cancellationToken).ConfigureAwait(false);

    private async Task<CommandResult> RunAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(PathOf(command))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        if (command == "sbatch")
        {
            // The job inherits sbatch's environment (--export=ALL: NONE and NIL make slurmd load a login environment,
            // seconds per job), so sbatch itself gets only the allow-list: no credential of this process reaches the job,
            // and no SBATCH_* variable of the submitting shell changes what this library asked for.
            var allowed = BatchScript.AllowedEnvironment(_options, Environment.GetEnvironmentVariables());
            psi.Environment.Clear();
            foreach (var (name, value) in allowed)
            {
                psi.Environment[name] = value;
            }
        }
        else
        {
            foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("SQUEUE_", StringComparison.Ordinal)).ToList())
            {
                psi.Environment.Remove(name);
            }
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SlurmException(
                $"Could not start '{PathOf(command)}': {ex.Message}. Install the Slurm client commands or set AsiArch:Slurm:SlurmBinDirectory.", ex);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new CommandResult(124, "", $"{command} did not answer within {CommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Socket timed out).");
        }

        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
