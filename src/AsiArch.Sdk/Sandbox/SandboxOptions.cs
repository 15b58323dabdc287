using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Sandbox;

/// <summary>
/// How untrusted candidate code is run: the worker to start, the OS sandbox and the budgets the supervisor enforces.
/// Bound from the configuration section <c>AsiArch:Engineer:Sandbox</c>.
/// </summary>
public sealed class SandboxOptions
{
    private List<string> _allowedEnvironmentVariables =
    [
        "PATH", "LANG", "LC_ALL", "TZ", "DOTNET_ROOT", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "CUDA_VISIBLE_DEVICES",
        "LD_LIBRARY_PATH",
    ];

    private List<string> _benchmarkAssemblies = [];

    /// <summary>Path of <c>AsiArch.Sdk.Worker.dll</c>; null looks next to the application.</summary>
    public string? WorkerPath { get; set; }

    /// <summary>Path of the <c>dotnet</c> host; null uses the host that runs this process.</summary>
    public string? DotnetHostPath { get; set; }

    /// <summary>Refuse to run candidate code when the OS sandbox (bubblewrap) is not available.</summary>
    public bool RequireOsSandbox { get; set; }

    /// <summary>Use bubblewrap when it is installed and works (Linux).</summary>
    public bool UseBubblewrap { get; set; } = true;

    /// <summary>Path of the bubblewrap executable; null searches <c>PATH</c>.</summary>
    public string? BubblewrapPath { get; set; }

    /// <summary>Memory budget of the worker process tree, in bytes.</summary>
    [Range(64L * 1024 * 1024, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most processes and threads the worker tree may hold (cgroup <c>pids</c> limit).</summary>
    [Range(16, 100_000)]
    public int MaxProcesses { get; set; } = 512;

    /// <summary>Wall-clock budget of one probe run (worker start-up included).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where private scratch directories are created; null uses the temp directory.</summary>
    public string? ScratchRoot { get; set; }

    /// <summary>
    /// Environment variables passed to the worker (by exact name). Names that look like credentials (KEY, SECRET,
    /// TOKEN, PASSWORD, CONNECTION) are never passed, even when listed here.
    /// </summary>
    public IList<string> AllowedEnvironmentVariables => _allowedEnvironmentVariables;

    /// <summary>Fitted forward-time exponent above which the complexity probe reports <see cref="FailureKind.SuperLinear"/>.</summary>
    [Range(1.0, 3.0)]
    public double ComplexityThreshold { get; set; } = 1.5;

    /// <summary>Run the complexity probe (the slowest probe).</summary>
    public bool MeasureComplexity { get; set; } = true;

    /// <summary>
    /// Paths of assemblies with custom <see cref="IBenchmark"/> classes (trusted user code, never candidate code) that the
    /// worker loads before training, so profiles can name their tasks. Each class needs a public parameterless
    /// constructor. <c>UseBenchmark&lt;T&gt;()</c> adds the assembly of <c>T</c> here.
    /// </summary>
    public IList<string> BenchmarkAssemblies => _benchmarkAssemblies;

    /// <summary>
    /// Start the next workers (process, sandbox, libtorch) while a job runs, so the next probe or training does not wait
    /// for start-up. Each job still runs in a fresh process that has loaded no other candidate; up to two waiting
    /// workers hold about 200 MB each until they are used or the client is disposed (with
    /// <see cref="TrainInProbedWorker"/>, a probed worker goes on to train its candidate). Where cgroups with the cpu
    /// controller can be created, a waiting worker has the lowest CPU weight until its job arrives. Turn off for one-shot use.
    /// </summary>
    public bool KeepWorkerReady { get; set; } = true;

    /// <summary>
    /// Start workers kept ready at the lowest cgroup CPU weight (where cgroups with the cpu controller can be created)
    /// until their job arrives, so their start-up only uses CPU time the running job leaves idle. Right when the CPU
    /// has idle time (model calls, several cores); on a machine a training saturates, a background worker may still be
    /// starting when its job arrives and then finishes on the critical path.
    /// </summary>
    public bool ReadyWorkersInBackground { get; set; } = true;

    /// <summary>
    /// Bytes of C heap a worker kept ready grows, touching every page, before it waits, so its job reuses mapped memory
    /// instead of faulting pages in (a first touch costs microseconds per page on a virtual machine: most of the
    /// complexity probe in a fresh worker). The memory stays with the worker; at most a quarter of
    /// <see cref="MemoryLimitBytes"/> is used. 0 turns it off. 64 MiB made the Explore probes as fast as 512 MiB did
    /// (0.27-0.29 s against 0.49-0.50 s without) for a sixth of the start-up work (0.15 CPU-s against 0.94; a waiting
    /// worker gets little CPU while a training runs, and a reserve cut short by its job is lost); wider profiles may
    /// want more.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long ReadyWorkerHeapBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Let a worker kept ready run the probes and a training step on a library baseline (trusted code, tiny shapes, CPU,
    /// one thread) before it waits, so the JIT compilation of those paths is done when its job arrives; a job that
    /// arrives first stops it at the next step. Only the library's own code runs; the candidate is loaded afterwards,
    /// alone, as in any fresh worker. Off by default: it pays when the CPU idles between jobs (model calls); on a
    /// machine a training saturates it rarely finishes in time (docs/benchmarks.md, Engineer).
    /// </summary>
    public bool WarmUpReadyWorkers { get; set; }

    /// <summary>
    /// Train a candidate in the worker process that has just probed and accepted it, rather than in a new one (on by
    /// default): it has the candidate loaded and its code compiled, so the training starts without a load, and one worker
    /// start-up per experiment is saved. That matters back to back: on a machine a training saturates, a worker started
    /// during the training gets no CPU until it ends, and the next experiment then waits for it (docs/benchmarks.md,
    /// Engineer, session 8: 1.6-1.9% of an <c>Explore</c> experiment besides training, against 4.3-4.5% with a new worker
    /// for every training). The process still only ever runs that one candidate; the worker refuses a job for any other. A probed
    /// worker waits, holding its memory, until the training arrives, two newer candidates are waiting, or the client is
    /// disposed; <c>UseSlurmTrainer</c> turns it off, and the default engineer keeps no probed worker when its trainer is
    /// not a <see cref="SandboxedTrainer"/> over the same client. On only while <see cref="KeepWorkerReady"/> is on.
    /// </summary>
    public bool TrainInProbedWorker { get; set; } = true;

    /// <summary>Torch intra-op threads in the worker; null lets the worker pick (all cores).</summary>
    public int? Threads { get; set; }

    /// <summary>A copy with its own lists, for a caller that changes a setting for one use without touching shared options.</summary>
    public SandboxOptions Clone()
    {
        var copy = (SandboxOptions)MemberwiseClone();
        copy._allowedEnvironmentVariables = [.. AllowedEnvironmentVariables];
        copy._benchmarkAssemblies = [.. BenchmarkAssemblies];
        return copy;
    }
}
