using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;

namespace AsiArch.Sdk.Benchmarks.Diagnostics;

/// <summary>
/// The probes of one baseline at the Explore width, once, in this fresh process and on a new thread as in the worker:
/// stage times and complexity timings. <c>pretouch=MB</c> first touches (and frees) that much heap, as a waiting worker
/// does; start the process with the worker's malloc settings to see their effect:
/// <c>MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824 dotnet run ... -- macro fresh-probe pretouch=512</c>.
/// </summary>
internal sealed class FreshProbeBenchmark : IMacroBenchmark
{
    public string Name => "fresh-probe";

    public string Description => "probes of a baseline once in a fresh process (args: baseline=DeltaNet threads=2 pretouch=0 lengths=512,1024,2048)";

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = settings.Int("threads", 2) });
        var baseline = BaselineCatalog.Get(settings.Text("baseline", "DeltaNet"));
        var pretouch = settings.Int("pretouch", 0);
        if (pretouch > 0)
        {
            var touch = Stopwatch.StartNew();
            global::TorchSharp.torch.ones([pretouch * 256L * 1024]).Dispose();
            output.WriteLine($"pretouch {pretouch} MiB: {touch.ElapsedMilliseconds} ms");
        }

        var probeSettings = new ProbeSettings();
        var lengths = settings.Text("lengths", "");
        if (lengths.Length > 0)
        {
            probeSettings = probeSettings with { ComplexityLengths = [.. lengths.Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture))] };
        }

        ProbeRun? run = null;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() => run = MixerProbes.Run(baseline.Factory, TrainingProfiles.Explore, 1, probeSettings), 8 << 20);
        thread.Start();
        thread.Join();
        var extra = run!.Report.AdditionalProperties!;
        var stages = (IReadOnlyDictionary<string, double>)extra["probeStageMs"]!;
        var timings = (IReadOnlyDictionary<string, double>)extra["complexityTimingsMs"]!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all {clock.ElapsedMilliseconds} ms, stages {string.Join(" ", stages.Select(s => $"{s.Key.Split(' ')[0]}={s.Value:0}"))} ms, exponent {run.Report.ComplexityExponent:0.00}, timings {string.Join(" ", timings.Select(t => $"{t.Key}:{t.Value:0.0}"))}"));
        return Task.CompletedTask;
    }
}
