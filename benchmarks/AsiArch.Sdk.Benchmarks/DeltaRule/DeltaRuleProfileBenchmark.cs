using System.Diagnostics;
using AsiArch.Sdk.Benchmarks.DeltaRule.Before;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>
/// Forward and forward+backward time of the chunked delta-rule ops at one length (default T = 2048), the current ones
/// next to the session-3 versions (<see cref="BeforeDeltaRule"/>) and softmax attention, with weak and strong decays.
/// Run under the torch lock with 2 threads. Arguments: <c>threads=2 batch=2 heads=4 headdim=64 length=2048 reps=5 stages=1</c> (stages=1 adds the op's
/// internal stages alone).
/// </summary>
internal sealed class DeltaRuleProfileBenchmark : IMacroBenchmark
{
    public string Name => "deltarule-ops";

    // [B, H, T, D] → the same values laid out as the layers produce them: a head split of a slice of [B, T, 3·H·D].
    private static Tensor Strided(Tensor x)
    {
        var (b, h, t, d) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var wide = cat([x.transpose(1, 2).reshape(b, t, h * d), zeros(b, t, 2 * h * d)], -1);
        return Heads.Split(wide.narrow(-1, 0, h * d), (int)h);
    }

    public string Description => "chunked delta-rule ops, current vs session 3, vs softmax attention (fwd and fwd+bwd, T=2048)";

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var (threads, batch, heads, headDim, length, reps) =
            (settings.Int("threads", 2), settings.Int("batch", 2), settings.Int("heads", 4), settings.Int("headdim", 64), settings.Int("length", 2048), settings.Int("reps", 5));
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = threads, Device = ComputeDevice.Cpu });
        manual_seed(0);
        var inputs = new[]
        {
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length, headDim).requires_grad_(),
            randn(batch, heads, length).requires_grad_(),
            (randn(batch, heads, length) + 3).requires_grad_(),
            (randn(batch, heads, length) - 2).requires_grad_(),
        };
        var ops = new List<(string Name, Func<Tensor[], Tensor> Op)>
        {
            ("CausalSoftmaxAttention", x => SequenceOps.CausalSoftmaxAttention(x[0], x[1], x[2])),
            ("ChunkedDeltaRule (session 3)", x => BeforeDeltaRule.DeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), null, 64)),
            ("ChunkedDeltaRule", x => SequenceOps.ChunkedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid())),
            ("ChunkedGatedDeltaRule (session 3)", x => BeforeDeltaRule.DeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[4]), 64)),
            ("ChunkedGatedDeltaRule", x => SequenceOps.ChunkedGatedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[4]))),
            ("ChunkedDeltaRule, q/k/v strided as in the layer", x => SequenceOps.ChunkedDeltaRule(Strided(x[0]), Norms.L2Normalize(Strided(x[1])), Strided(x[2]), x[3].sigmoid())),
            ("ChunkedDeltaRule, strided, session 3", x => BeforeDeltaRule.DeltaRule(Strided(x[0]), Norms.L2Normalize(Strided(x[1])), Strided(x[2]), x[3].sigmoid(), null, 64)),
            ("ChunkedDeltaRule, chunk 32", x => SequenceOps.ChunkedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), 32)),
            ("ChunkedGatedDeltaRule, chunk 32", x => SequenceOps.ChunkedGatedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[4]), 32)),
            ("ChunkedGatedDeltaRule, strong decay (session 3)", x => BeforeDeltaRule.DeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[5]), 64)),
            ("ChunkedGatedDeltaRule, strong decay", x => SequenceOps.ChunkedGatedDeltaRule(x[0], Norms.L2Normalize(x[1]), x[2], x[3].sigmoid(), nn.functional.logsigmoid(x[5]))),
        };

        // The op's two autograd nodes alone, on inputs of the shapes they get at these settings (N chunks of 64).
        var chunks = (long)length / 64;
        var stageInputs = new[]
        {
            randn([batch, heads, chunks, 64, 64]).mul_(0.1).requires_grad_(),
            randn([batch, heads, chunks, 64, 2 * headDim]).requires_grad_(),
            randn([batch, heads, chunks, 64, 2 * headDim]).mul_(0.1).requires_grad_(),
            randn([batch, heads, chunks, 64, headDim]).mul_(0.1).requires_grad_(),
            randn([batch, heads, chunks, 64, headDim]).requires_grad_(),
            randn([batch, heads, chunks, 64, 64]).tril().requires_grad_(),
        };
        if (settings.Int("stages", 1) == 1)
        {
            ops.Add(("stage: UtTransform (inverse, solve)", _ => UtTransform.Solve(stageInputs[0], stageInputs[1])));
            ops.Add(("stage: DeltaStatePass (state pass, outputs)", _ => DeltaStatePass.Apply(stageInputs[2], headDim, stageInputs[3], stageInputs[4], stageInputs[5], null)));
            ops.Add(("stage: gram and scores matmuls", x => x[1].reshape(batch, heads, chunks, 64, headDim).matmul(x[0].reshape(batch, heads, chunks, 64, headDim).transpose(-1, -2)) + x[2].reshape(batch, heads, chunks, 64, headDim).matmul(x[0].reshape(batch, heads, chunks, 64, headDim).transpose(-1, -2))));
        }

        var jobs = new List<Action>();
        foreach (var (_, op) in ops)
        {
            jobs.Add(() =>
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                op(inputs);
            });
            jobs.Add(() =>
            {
                using var scope = NewDisposeScope();
                op(inputs).square().mean().backward();
                foreach (var input in inputs.Concat(stageInputs))
                {
                    input.grad?.zero_();
                }
            });
        }

        foreach (var job in jobs)
        {
            job();
        }

        var best = Enumerable.Repeat(double.MaxValue, jobs.Count).ToList();
        for (var r = 0; r < reps; r++)
        {
            for (var i = 0; i < jobs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                GC.Collect();
                var watch = Stopwatch.StartNew();
                jobs[i]();
                best[i] = Math.Min(best[i], watch.Elapsed.TotalMilliseconds);
            }
        }

        output.WriteLine($"Threads {get_num_threads()}, B = {batch}, H = {heads}, head dim {headDim}, T = {length}, chunk 64, float32, best of {reps} interleaved runs after 1 warm-up. Strong decay: logsigmoid(N(-2, 1)) per step.");
        output.WriteLine();
        output.WriteLine("| op | forward ms | forward+backward ms | fwd+bwd vs softmax |");
        output.WriteLine("|---|---:|---:|---:|");
        for (var i = 0; i < ops.Count; i++)
        {
            output.WriteLine($"| {ops[i].Name} | {best[2 * i]:F1} | {best[(2 * i) + 1]:F1} | {best[1] / best[(2 * i) + 1]:F2}x |");
        }

        foreach (var input in inputs.Concat(stageInputs))
        {
            input.Dispose();
        }

        return Task.CompletedTask;
    }
}
