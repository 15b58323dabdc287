using System.Diagnostics;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>
/// Forward+backward time of the two delta-rule ops next to causal softmax attention, alone in a fresh process (the
/// <c>mixers</c> benchmark times them after every baseline layer and every other op, where the gated op has been slower
/// than here). Inputs as in <c>mixers</c>: q, v random, unit keys, β = sigmoid, log decay = logsigmoid(x + 3).
/// Arguments: <c>threads=2 batch=2 dim=64 heads=4 length=2048 reps=5 chunk=32</c>.
/// </summary>
internal sealed class DeltaRuleOpsBenchmark : IMacroBenchmark
{
    public string Name => "delta-ops";

    public string Description => "delta-rule ops vs causal softmax attention alone (fwd+bwd, one fresh process)";

    public bool NeedsWorkerHeap => true;

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var (threads, batch, dim, heads, length, reps, chunk) = (settings.Int("threads", 2), settings.Int("batch", 2),
            settings.Int("dim", 64), settings.Int("heads", 4), settings.Int("length", 2048), settings.Int("reps", 5), settings.Int("chunk", 32));

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = threads, Device = ComputeDevice.Cpu });
        manual_seed(0);
        var headDim = dim / heads;
        Tensor[] inputs =
        [
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length).requires_grad_(),
            (randn(batch, heads, length) + 3).requires_grad_(),
        ];
        var (q, k, v, b, g) = (inputs[0], inputs[1], inputs[2], inputs[3], inputs[4]);
        var ops = new (string Name, Func<Tensor> Run)[]
        {
            ("CausalSoftmaxAttention", () => SequenceOps.CausalSoftmaxAttention(q, k, v)),
            ("ChunkedDeltaRule", () => SequenceOps.ChunkedDeltaRule(q, Norms.L2Normalize(k), v, b.sigmoid(), chunk)),
            ("ChunkedGatedDeltaRule", () => SequenceOps.ChunkedGatedDeltaRule(q, Norms.L2Normalize(k), v, b.sigmoid(), nn.functional.logsigmoid(g), chunk)),
        };

        var best = ops.Select(_ => double.MaxValue).ToArray();
        for (var r = -1; r < reps; r++)
        {
            for (var i = 0; i < ops.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                using (NewDisposeScope())
                {
                    ops[i].Run().square().mean().backward();
                }

                // The first round warms up and is not counted.
                best[i] = r < 0 ? best[i] : Math.Min(best[i], watch.Elapsed.TotalMilliseconds);
                foreach (var input in inputs)
                {
                    input.grad?.zero_();
                }
            }
        }

        output.WriteLine($"Threads {get_num_threads()}, B = {batch}, T = {length}, {heads} heads of {headDim}, chunk {chunk}, float32, forward+backward, best of {reps} interleaved runs after 1 warm-up.");
        output.WriteLine();
        output.WriteLine("| op | ms | speed-up vs softmax attention |");
        output.WriteLine("|---|---:|---:|");
        for (var i = 0; i < ops.Length; i++)
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
