using System.Globalization;
using AsiArch.Sdk.Benchmarks.TorchCore;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>
/// Where the forward+backward time of the DeltaNet and Gated DeltaNet layers goes at T = 2048: the whole layer, the
/// layer with the delta-rule op replaced by a pass-through, also without its short convolutions, and the projections
/// alone, next to the softmax-attention layer. Run under the torch lock with 2 threads.
/// Arguments: <c>threads=2 batch=2 dim=256 heads=4 length=2048 reps=3 chunk=64</c>.
/// </summary>
internal sealed class DeltaNetBreakdownBenchmark : IMacroBenchmark
{
    public string Name => "deltanet-breakdown";

    public string Description => "DeltaNet / Gated DeltaNet layer time split into op, short convolutions and projections (fwd+bwd, T=2048)";

    public bool NeedsWorkerHeap => true;

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new BenchmarkSettings(args);
        var (threads, batch, dim, heads, length, reps) =
            (settings.Int("threads", 2), settings.Int("batch", 2), settings.Int("dim", 256), settings.Int("heads", 4), settings.Int("length", 2048), settings.Int("reps", 3));
        var chunk = settings.Int("chunk", 64);
        var warmups = settings.Int("warmup", InterleavedTiming.DefaultWarmups);

        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Threads = threads, Device = ComputeDevice.Cpu });
        manual_seed(0);
        var options = new MixerOptions { ModelDim = dim, NumHeads = heads, ChunkSize = chunk };
        var layers = new List<(string Name, nn.Module<Tensor, Tensor> Module)>
        {
            ("Transformer (softmax attention layer)", BaselineCatalog.Get("Transformer").Factory(options)),
        };
        foreach (var gated in new[] { false, true })
        {
            var name = gated ? "GatedDeltaNet" : "DeltaNet";
            layers.Add(($"{name} (catalog layer)", BaselineCatalog.Get(name).Factory(options)));
            foreach (var stage in Enum.GetValues<DeltaNetStage>())
            {
                layers.Add(($"{name}: {Describe(stage)}", new DeltaNetVariant(options, gated, stage)));
            }
        }

        output.WriteLine($"Threads {get_num_threads()}, B = {batch}, T = {length}, model dim {dim}, {heads} heads, chunk {chunk}, float32, forward+backward, best of {reps} interleaved runs after {warmups} warm-up round(s).");
        output.WriteLine();
        output.WriteLine("| layer | ms | vs softmax attention layer |");
        output.WriteLine("|---|---:|---:|");
        using var x = randn(batch, length, dim);
        var jobs = layers.Select(l => (Action)(() =>
        {
            using var scope = NewDisposeScope();
            l.Module.forward(x).square().mean().backward();
            l.Module.zero_grad();
        })).ToList();
        var best = InterleavedTiming.Best(reps, jobs, cancellationToken, warmups);
        for (var i = 0; i < layers.Count; i++)
        {
            output.WriteLine($"| {layers[i].Name} | {best[i]:F1} | {best[0] / best[i]:F2}x |");
            layers[i].Module.Dispose();
        }

        return Task.CompletedTask;
    }

    private static string Describe(DeltaNetStage stage) => stage switch
    {
        DeltaNetStage.Full => "whole layer (copy)",
        DeltaNetStage.OpReplaced => "op replaced by a pass-through",
        DeltaNetStage.OpAndConvolutionsReplaced => "op and short convolutions removed",
        _ => "projections only",
    };
}
