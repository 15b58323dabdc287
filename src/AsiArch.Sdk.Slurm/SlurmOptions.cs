using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Slurm;

/// <summary>
/// How <see cref="SlurmTrainer"/> submits training jobs: where the shared job files go, the resources each job asks
/// for, and how the cluster is watched. Bound from the configuration section <c>AsiArch:Slurm</c>.
/// </summary>
public sealed class SlurmOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AsiArch:Slurm";

    /// <summary>
    /// A directory every compute node sees at the same path (NFS, Lustre, ...): candidate bytes, job files and results
    /// pass through it. Required, absolute.
    /// </summary>
    [Required]
    public string SharedDirectory { get; set; } = "";

    /// <summary>Partition (<c>--partition</c>); null uses the cluster default.</summary>
    public string? Partition { get; set; }

    /// <summary>Account charged (<c>--account</c>); null uses the user's default.</summary>
    public string? Account { get; set; }

    /// <summary>GPUs per job (<c>--gres=gpu:N</c>); 0 asks for none.</summary>
    [Range(0, 64)]
    public int GpusPerJob { get; set; }

    /// <summary>GPU type in the GRES request (<c>--gres=gpu:TYPE:N</c>), e.g. <c>a100</c>; null for any.</summary>
    public string? GpuType { get; set; }

    /// <summary>
    /// Job time limit (<c>--time</c>, whole minutes, rounded up); null uses the profile's
    /// <see cref="TrainingProfile.TrainingTimeout"/> plus <see cref="StartupAllowance"/>.
    /// </summary>
    public TimeSpan? TimeLimit { get; set; }

    /// <summary>Added to the profile's training timeout when <see cref="TimeLimit"/> is null (worker start-up, torch load).</summary>
    public TimeSpan StartupAllowance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Memory per job in MiB (<c>--mem</c>).</summary>
    [Range(16, 16 * 1024 * 1024)]
    public int MemoryMegabytes { get; set; } = 4096;

    /// <summary>CPUs per job (<c>--cpus-per-task</c>).</summary>
    [Range(1, 1024)]
    public int CpusPerTask { get; set; } = 1;

    /// <summary>Torch intra-op threads in the worker; null uses <see cref="CpusPerTask"/>.</summary>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>Let Slurm requeue the job after a node failure or preemption (<c>--requeue</c>); else <c>--no-requeue</c>.</summary>
    public bool Requeue { get; set; } = true;

    /// <summary>
    /// How long before the time limit Slurm sends <c>SIGUSR1</c> to the job script (<c>--signal=B:USR1@N</c>); the
    /// script then stops the worker cleanly and the outcome is a <see cref="FailureKind.Timeout"/>. Zero sends none.
    /// Slurm checks time limits about every 30 s, so the warning may come that much later.
    /// </summary>
    public TimeSpan SignalLeadTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Extra batch options, one per entry: <c>--qos=high</c>, <c>--constraint=a100</c> or a full <c>#SBATCH ...</c>
    /// line. Written after the options this class controls, so they can override them.
    /// </summary>
    public IList<string> ExtraSbatchLines { get; } = [];

    /// <summary>Shell lines run in the job before the worker (e.g. <c>module load cuda</c>); no credentials.</summary>
    public IList<string> SetupLines { get; } = [];

    /// <summary>How often job states are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Trainings requested within this window of each other are submitted together as one job array (the discovery
    /// loop asks for one per free slot). Zero submits each request at once.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest job array submitted at once.</summary>
    [Range(1, 100_000)]
    public int MaxArraySize { get; set; } = 1000;

    /// <summary>Most tasks of one array running at once (<c>--array=...%N</c>); null for no throttle.</summary>
    [Range(1, 100_000)]
    public int? MaxConcurrentArrayTasks { get; set; }

    /// <summary>
    /// The command that runs one job file (the job file's path is appended). Null runs <c>AsiArch.Sdk.Worker</c> with
    /// the dotnet host, found as the local sandbox finds it (<see cref="WorkerPath"/>, <see cref="DotnetHostPath"/>);
    /// both must exist at the same paths on the compute nodes.
    /// </summary>
    public IList<string>? WorkerCommand { get; set; }

    /// <summary>Path of <c>AsiArch.Sdk.Worker.dll</c>; null looks next to the application.</summary>
    public string? WorkerPath { get; set; }

    /// <summary>Path of the <c>dotnet</c> host; null uses the host that runs this process.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>
    /// Environment variables copied from this process into the job (by exact name): <c>sbatch</c> runs with only these
    /// and the job inherits them. Names that look like credentials are never copied.
    /// </summary>
    public IList<string> ExportedEnvironmentVariables { get; } =
        ["PATH", "LANG", "LC_ALL", "TZ", "DOTNET_ROOT", "LD_LIBRARY_PATH"];

    /// <summary>Job name prefix (<c>--job-name</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$")]
    public string JobName { get; set; } = "asiarch";

    /// <summary>Resubmissions of a job Slurm preempted or lost without requeueing it, before it counts as crashed.</summary>
    [Range(0, 100)]
    public int MaxResubmits { get; set; } = 2;

    /// <summary>How long the controller may stay unreachable before the running trainings fail as crashed.</summary>
    public TimeSpan ControllerOutageTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Keep each job's directory (job file, worker output) after its result is read, for debugging.</summary>
    public bool KeepJobDirectories { get; set; }

    /// <summary>Directory holding <c>sbatch</c>, <c>squeue</c>, <c>scancel</c> and <c>scontrol</c>; null searches <c>PATH</c>.</summary>
    public string? SlurmBinDirectory { get; set; }

    /// <summary>
    /// Query job states with <c>squeue --json</c> when the installed Slurm supports it; else (or when false) with
    /// <c>squeue --format</c>.
    /// </summary>
    public bool UseJsonStatus { get; set; } = true;

    /// <summary>Returns the first invalid setting as a message, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(SharedDirectory) || !Path.IsPathRooted(SharedDirectory))
        {
            return $"AsiArch:Slurm:SharedDirectory must be an absolute path every compute node sees, got '{SharedDirectory}'.";
        }

        if (SharedDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || SharedDirectory.Contains('\n', StringComparison.Ordinal))
        {
            return $"AsiArch:Slurm:SharedDirectory '{SharedDirectory}' contains characters invalid in a path.";
        }

        foreach (var (name, value) in new[] { (nameof(Partition), Partition), (nameof(Account), Account), (nameof(GpuType), GpuType) })
        {
            if (value is not null && !IsSimpleToken(value))
            {
                return $"AsiArch:Slurm:{name} '{value}' may only hold letters, digits, '_', '-', '.' and ',' (a Slurm name).";
            }
        }

        if (TimeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            return $"AsiArch:Slurm:TimeLimit must be positive, got {limit}.";
        }

        if (StartupAllowance < TimeSpan.Zero)
        {
            return $"AsiArch:Slurm:StartupAllowance must not be negative, got {StartupAllowance}.";
        }

        if (SignalLeadTime < TimeSpan.Zero || SignalLeadTime > TimeSpan.FromSeconds(65535))
        {
            return $"AsiArch:Slurm:SignalLeadTime must be between 0 and 65535 s, got {SignalLeadTime}.";
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            return $"AsiArch:Slurm:PollInterval must be positive, got {PollInterval}.";
        }

        if (BatchWindow < TimeSpan.Zero)
        {
            return $"AsiArch:Slurm:BatchWindow must not be negative, got {BatchWindow}.";
        }

        if (ControllerOutageTolerance <= TimeSpan.Zero)
        {
            return $"AsiArch:Slurm:ControllerOutageTolerance must be positive, got {ControllerOutageTolerance}.";
        }

        foreach (var line in ExtraSbatchLines.Concat(SetupLines))
        {
            if (line is null || line.Contains('\n', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal))
            {
                return "AsiArch:Slurm:ExtraSbatchLines and SetupLines entries must be single lines.";
            }
        }

        foreach (var line in ExtraSbatchLines)
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('-') && !trimmed.StartsWith("#SBATCH ", StringComparison.Ordinal))
            {
                return $"AsiArch:Slurm:ExtraSbatchLines entry '{line}' must be an option (--qos=high) or a '#SBATCH ...' line.";
            }
        }

        if (WorkerCommand is { } command && (command.Count == 0 || command.Any(string.IsNullOrWhiteSpace)))
        {
            return "AsiArch:Slurm:WorkerCommand must name a program (and optional arguments) when set.";
        }

        if (WorkerCommand is { } args && args.Any(a => a.Contains('\n', StringComparison.Ordinal)))
        {
            return "AsiArch:Slurm:WorkerCommand arguments must be single lines.";
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Validate"/>'s message when the options are invalid.</summary>
    public void ThrowIfInvalid()
    {
        var error = Validate();
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            throw new ArgumentException("AsiArch:Slurm: " + string.Join(" ", results.Select(r => r.ErrorMessage)));
        }
    }

    private static bool IsSimpleToken(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ',');
}
