using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;

namespace AsiArch.Sdk.Benchmarks.Probes;

/// <summary>
/// Cost and verdicts of the complexity probe on the seven baselines at the Explore width (softmax attention must be
/// flagged, the six linear-time ones never): the defaults, the defaults with one timed round allowed, longer lengths,
/// and the job's two threads at session 4's lengths; runs interleaved, in-process, a job with 2 torch threads. Run under the torch lock:
/// <c>macro complexity-probe runs=5</c>.
/// </summary>
internal sealed class ComplexityProbeBenchmark : IMacroBenchmark
{
    public string Name => "complexity-probe";

    public string Description => "complexity probe cost and verdicts on the baselines, quick accept on/off (runs=5)";

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var runs = new BenchmarkSettings(args).Int("runs", 5);
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 2 });
        var profile = TrainingProfiles.Explore;
        var defaults = new ProbeSettings();
        (string Name, ProbeSettings Settings)[] variants =
        [
            ("default: 1 thread, 512-2048, then to 8192 unless clear", defaults),
            ("one timed round may suffice", defaults with { MinComplexityRepeats = 1 }),
            ("1 thread, 1024-4096, then 8192 unless clear", defaults with { ComplexityLengths = [1024, 2048, 4096], ComplexityConfirmLengths = [8192] }),
            ("job's 2 threads, 512-4096 (session 4's lengths)", defaults with
            {
                ComplexityThreads = null, ComplexityLengths = [512, 1024, 2048, 4096], ComplexityConfirmLengths = [],
            }),
        ];
        var options = new MixerOptions { ModelDim = profile.ModelDim, NumHeads = profile.NumHeads, ChunkSize = profile.ChunkSize, NumLayers = profile.NumLayers };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Complexity probe, job with 2 torch threads, d = {profile.ModelDim}, threshold {defaults.ComplexityThreshold}, {runs} runs per cell (fresh module each):"));
        output.WriteLine();
        output.WriteLine("| baseline | " + string.Join(" | ", variants.Select(v => $"{v.Name}: median s / exponent min-max / flagged")) + " |");
        output.WriteLine("|---|" + string.Concat(variants.Select(_ => "---:|")));
        foreach (var baseline in BaselineCatalog.All)
        {
            var cells = variants.Select(_ => (Seconds: new List<double>(), Exponents: new List<double>())).ToArray();
            for (var r = 0; r < runs; r++)
            {
                for (var v = 0; v < variants.Length; v++)
                {
                    var index = r % 2 == 0 ? v : variants.Length - 1 - v;
                    cancellationToken.ThrowIfCancellationRequested();
                    using var module = baseline.Factory(options);
                    var watch = Stopwatch.StartNew();
                    var exponent = MixerProbes.MeasureComplexityExponent(module, profile.ModelDim, seed: r, variants[index].Settings);
                    cells[index].Seconds.Add(watch.Elapsed.TotalSeconds);
                    cells[index].Exponents.Add(exponent);
                }
            }

            output.WriteLine($"| {baseline.Name} | " + string.Join(" | ", cells.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Seconds.Order().ElementAt(c.Seconds.Count / 2):0.00} / {c.Exponents.Min():0.00}-{c.Exponents.Max():0.00} / {c.Exponents.Count(e => e > defaults.ComplexityThreshold)} of {c.Exponents.Count}"))) + " |");
        }

        return Task.CompletedTask;
    }
}
