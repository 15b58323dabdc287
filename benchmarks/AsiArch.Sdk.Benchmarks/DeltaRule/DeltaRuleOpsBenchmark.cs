using AsiArch.Sdk.Benchmarks.TorchCore;
using AsiArch.Sdk.TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>
/// Forward+backward time of the two delta-rule ops next to causal softmax attention, alone in a fresh process (the
/// <c>mixers</c> benchmark times them after every baseline layer and every other op, where the gated op has been slower
/// than here). Same ops and inputs as <c>mixers</c> (<see cref="SequenceOpCases"/>).
/// Arguments: <c>threads=2 batch=2 dim=64 heads=4 length=2048 reps=5 chunk=32</c>.
/// </summary>
internal sealed class DeltaRuleOpsBenchmark : IMacroBenchmark
{
    private static readonly string[] Timed = ["CausalSoftmaxAttention", "ChunkedDeltaRule", "ChunkedGatedDeltaRule"];

    public string Name => "delta-ops";

    public string Description => "delta-rule ops vs causal softmax attention alone (fwd+bwd, one fresh process)";

    public bool NeedsWorkerHeap => true;

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var (threads, batch, dim, heads, length, reps, chunk) = (settings.Int("threads", 2), settings.Int("batch", 2),
            settings.Int("dim", 64), settings.Int("heads", 4), settings.Int("length", 2048), settings.Int("reps", 5), settings.Int("chunk", 32));
        var warmups = settings.Int("warmup", InterleavedTiming.DefaultWarmups);

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = threads, Device = ComputeDevice.Cpu });
        manual_seed(0);
        var headDim = dim / heads;
        var inputs = SequenceOpCases.Inputs(batch, heads, length, headDim);
        var ops = SequenceOpCases.All(chunk).Where(o => Timed.Contains(o.Name)).ToList();
        var best = InterleavedTiming.Best(reps, [.. ops.Select(o => SequenceOpCases.ForwardBackward(o.Op, inputs))], cancellationToken, warmups);

        output.WriteLine($"Threads {get_num_threads()}, B = {batch}, T = {length}, {heads} heads of {headDim}, chunk {chunk}, float32, forward+backward, best of {reps} interleaved runs after {warmups} warm-up round(s).");
        output.WriteLine();
        output.WriteLine("| op | ms | speed-up vs softmax attention |");
        output.WriteLine("|---|---:|---:|");
        for (var i = 0; i < ops.Count; i++)
        {
            output.WriteLine($"| {ops[i].Name} | {best[i]:F1} | {best[0] / best[i]:F2}x |");
        }

        foreach (var input in inputs)
        {
            input.Dispose();
        }

        return Task.CompletedTask;
    }
}
