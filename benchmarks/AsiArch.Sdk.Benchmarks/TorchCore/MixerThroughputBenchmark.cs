using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.TorchCore;

/// <summary>
/// Forward+backward time of every baseline mixer at one length (default T = 2048) relative to softmax attention, and
/// forward / forward+backward time of each sequence op at T = 512 and 2048. Run under the torch lock with 2 threads.
/// Arguments: <c>threads=2 batch=2 dim=256 heads=4 length=2048 reps=3 chunk=64 ops=1 warmup=10</c> (<c>ops=0</c> times
/// the mixers only; <c>warmup</c> is the number of untimed rounds over the mixers).
/// </summary>
internal sealed class MixerThroughputBenchmark : IMacroBenchmark
{
    public string Name => "mixers";

    public string Description => "baseline mixers vs softmax attention (fwd+bwd, T=2048) and sequence-op timings at T=512/2048";

    public bool NeedsWorkerHeap => true;

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var threads = settings.Int("threads", 2);
        var batch = settings.Int("batch", 2);
        var dim = settings.Int("dim", 256);
        var heads = settings.Int("heads", 4);
        var length = settings.Int("length", 2048);
        var reps = settings.Int("reps", 3);
        var chunk = settings.Int("chunk", 64);
        var timeOps = settings.Int("ops", 1) != 0;
        var warmups = settings.Int("warmup", InterleavedTiming.DefaultWarmups);

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = threads, Device = ComputeDevice.Cpu });
        manual_seed(0);
        output.WriteLine($"Threads {get_num_threads()}, batch {batch}, model dim {dim}, heads {heads} (head dim {dim / heads}), chunk {chunk}, float32, best of {reps} interleaved runs after {warmups} warm-up round(s) of the mixers.");
        output.WriteLine();
        output.WriteLine($"### Baseline mixers, forward+backward, T = {length}");
        output.WriteLine();
        output.WriteLine("| mixer | ms | speed-up vs softmax attention |");
        output.WriteLine("|---|---:|---:|");

        var options = new MixerOptions { ModelDim = dim, NumHeads = heads, ChunkSize = chunk };
        var mixers = BaselineCatalog.All.Select(b => (b.Name, Module: b.Factory(options))).ToList();
        using var x = randn(batch, length, dim);
        var mixerTimes = InterleavedTiming.Best(reps, mixers.Select(m => (Action)(() =>
        {
            using var scope = NewDisposeScope();
            m.Module.forward(x).square().mean().backward();
            m.Module.zero_grad();
        })).ToList(), cancellationToken, warmups);
        var softmax = mixerTimes[mixers.FindIndex(m => m.Name == "Transformer")];
        for (var i = 0; i < mixers.Count; i++)
        {
            output.WriteLine($"| {mixers[i].Name} | {mixerTimes[i]:F1} | {softmax / mixerTimes[i]:F2}x |");
            mixers[i].Module.Dispose();
        }

        if (!timeOps)
        {
            return Task.CompletedTask;
        }

        output.WriteLine();
        output.WriteLine($"### Sequence ops, B = {batch}, H = {heads}, Dk = Dv = {dim / heads}");
        output.WriteLine();
        output.WriteLine("| op | T | forward ms | forward+backward ms |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var t in new[] { 512, 2048 })
        {
            var inputs = SequenceOpCases.Inputs(batch, heads, t, dim / heads);
            var ops = SequenceOpCases.All(chunk);
            var jobs = new List<Action>();
            foreach (var (_, op) in ops)
            {
                jobs.Add(() =>
                {
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    op(inputs);
                });
                jobs.Add(SequenceOpCases.ForwardBackward(op, inputs));
            }

            var times = InterleavedTiming.Best(reps, jobs, cancellationToken);
            for (var i = 0; i < ops.Count; i++)
            {
                output.WriteLine($"| {ops[i].Name} | {t} | {times[2 * i]:F1} | {times[(2 * i) + 1]:F1} |");
            }

            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }

        return Task.CompletedTask;
    }
}
