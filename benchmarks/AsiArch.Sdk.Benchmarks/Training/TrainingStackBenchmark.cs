using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Training;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>
/// Trains every human baseline on a profile for a few seeds and prints the docs/benchmarks.md table: MQAR and
/// selective-copy accuracy, LM validation loss, throughput, model FLOP utilisation and wall time per candidate.
/// Options: <c>--profile Explore</c>, <c>--seeds 3</c>, <c>--corpus PATH</c> (LM task corpus), <c>--baselines A,B</c>,
/// <c>--threads 2</c>, <c>--lr X</c>; for tuning a profile also the overrides of <see cref="ProfileOverrides"/>.
/// </summary>
internal sealed class TrainingStackBenchmark : IMacroBenchmark
{
    public string Name => "training-stack";

    public string Description => "All baselines on a training profile, N seeds: recall accuracy, LM loss, tokens/s, MFU (--profile --seeds --threads --corpus --baselines --lr --batch --step-factor --warmup --wd --clip --mqar --tasks).";

    public bool NeedsWorkerHeap => true;

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var profileName = BenchmarkSettings.Option(args, "--profile") ?? "Explore";
        var seeds = int.Parse(BenchmarkSettings.Option(args, "--seeds") ?? "3", CultureInfo.InvariantCulture);
        var threads = int.Parse(BenchmarkSettings.Option(args, "--threads") ?? "2", CultureInfo.InvariantCulture);
        var corpus = BenchmarkSettings.Option(args, "--corpus");
        var names = BenchmarkSettings.Option(args, "--baselines")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var baselines = names is null ? BaselineCatalog.All : [.. names.Select(BaselineCatalog.Get)];

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = threads });
        var profile = TrainingProfiles.Get(profileName);
        if (BenchmarkSettings.Option(args, "--lr") is { } lr)
        {
            // For tuning a profile: the same profile at another peak learning rate.
            profile = profile with { LearningRate = double.Parse(lr, CultureInfo.InvariantCulture) };
        }

        profile = ProfileOverrides.Apply(profile, args);
        if (corpus is not null)
        {
            profile = profile with
            {
                Benchmarks = [.. profile.Benchmarks.Select(b => b.Name == "lm"
                    ? b with { Settings = new Dictionary<string, string>(b.Settings) { ["corpus"] = Path.GetFullPath(corpus) } }
                    : b)],
            };
        }

        var peakBefore = MatmulPeak.Measure();
        var trainer = new TorchSharpTrainer();
        var rows = new List<(string Name, List<TrainingResult> Runs, List<double> Seconds)>();
        foreach (var baseline in baselines)
        {
            var runs = new List<TrainingResult>();
            var seconds = new List<double>();
            for (var seed = 0; seed < seeds; seed++)
            {
                var watch = Stopwatch.StartNew();
                var result = await trainer.TrainAsync(
                    new MixerTrainingRequest { Mixer = baseline.Factory, Profile = profile, Seed = seed, Device = ComputeDevice.Cpu, Threads = threads },
                    cancellationToken: cancellationToken);
                seconds.Add(watch.Elapsed.TotalSeconds);
                runs.Add(result);
                var tasks = string.Join(", ", result.Tasks.Select(t => Inv($"{t.Task} acc {Metric(t, "accuracy"):F3} loss {t.ValidationLoss:F3}")));
                var failed = result.Failure is null ? "" : $" FAILED {result.Failure.Kind}: {result.Failure.Message}";
                await Console.Error.WriteLineAsync(Inv($"{baseline.Name} seed {seed}: {watch.Elapsed.TotalSeconds:F1} s, {tasks}{failed}"));
            }

            rows.Add((baseline.Name, runs, seconds));
        }

        var peak = Math.Max(peakBefore, MatmulPeak.Measure());
        Write(output, profile, seeds, threads, peak, rows, ProfileOverrides.Describe(args));
    }

    private static void Write(
        TextWriter output, TrainingProfile profile, int seeds, int threads, double peak,
        List<(string Name, List<TrainingResult> Runs, List<double> Seconds)> rows, string overrides)
    {
        var mqar = profile.Benchmarks.FirstOrDefault(b => b.Name == "mqar");
        var mqarSetting = mqar is null ? "" : string.Join(", ", mqar.Settings.Select(kv => $"{kv.Key}={kv.Value}"));
        output.WriteLine(Inv(
            $"Profile {profile.Name}: {profile.NumLayers} layers, d={profile.ModelDim}, {profile.NumHeads} heads, T={profile.SequenceLength}, batch {profile.BatchSize}; {seeds} seeds (0..{seeds - 1}), {threads} threads; MQAR {mqarSetting}; large fp32 matmul peak {peak / 1e9:F1} GFLOP/s.{overrides}"));
        output.WriteLine();
        output.WriteLine("| Baseline | Parameters (mixers) | MQAR accuracy | Selective copy accuracy | LM validation loss | Training tokens/s | MFU | Seconds / candidate | Failures |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, runs, seconds) in rows)
        {
            var ok = runs.Where(r => r.Succeeded).ToList();
            var first = runs[0];
            var mixers = Convert.ToInt64(first.AdditionalProperties?["mixer_parameters"] ?? 0L, CultureInfo.InvariantCulture);
            var mqarAcc = RunSummary.Of(ok.Select(r => Accuracy(r, "mqar"))).Format("F3");
            var copyAcc = RunSummary.Of(ok.Select(r => Accuracy(r, "selective_copy"))).Format("F3");
            var lmLoss = RunSummary.Of(ok.Select(r => r.GetTask("lm")?.ValidationLoss ?? double.NaN)).Format("F3");
            var speed = RunSummary.Of(ok.Select(r => r.TokensPerSecond)).Format("N0");
            var mfu = RunSummary.Of(ok.Select(r => ModelFlopsPerSecond(r) / peak * 100)).Format("F1");
            var wall = RunSummary.Of(seconds).Format("F1");
            output.WriteLine(Inv(
                $"| {name} | {first.Parameters:N0} ({mixers:N0}) | {mqarAcc} | {copyAcc} | {lmLoss} | {speed} | {mfu}% | {wall} | {runs.Count - ok.Count} |"));
        }
    }

    /// <summary>Analytic training FLOP/s: per task, FLOPs per token x tokens trained, over the training seconds.</summary>
    internal static double ModelFlopsPerSecond(TrainingResult result)
    {
        double flops = 0;
        double seconds = 0;
        foreach (var task in result.Tasks)
        {
            var extra = result.AdditionalProperties!;
            var taskSeconds = Convert.ToDouble(extra[$"{task.Task}.train_seconds"], CultureInfo.InvariantCulture);
            flops += Convert.ToDouble(extra[$"{task.Task}.flops_per_token"], CultureInfo.InvariantCulture) * task.TokensPerSecond * taskSeconds;
            seconds += taskSeconds;
        }

        return seconds > 0 ? flops / seconds : double.NaN;
    }

    private static double Accuracy(TrainingResult result, string task) => result.GetTask(task) is { } t ? Metric(t, "accuracy") : double.NaN;

    private static double Metric(TaskResult task, string name) => task.Metrics.TryGetValue(name, out var v) ? v : double.NaN;

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
