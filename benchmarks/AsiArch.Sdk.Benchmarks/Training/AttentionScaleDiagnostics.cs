using System.Globalization;
using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Benchmarks;
using AsiArch.Sdk.TorchSharp.Blocks;
using AsiArch.Sdk.TorchSharp.Model;
using AsiArch.Sdk.TorchSharp.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.Benchmarks.Training;

/// <summary>
/// Diagnostics of the Transformer baseline at initialisation in a profile's backbone on an MQAR batch: the RMS of the
/// mixer input, of q and k, the spread of the attention logits and how uniform the attention rows are; plus a check
/// that the fused causal attention's gradients match a masked softmax written out by hand.
/// Options: <c>--profile Explore</c>, <c>--seeds 3</c>; <c>--train</c> (with <c>--lr</c>, <c>--first-seed</c>, <c>--qk-init-scale</c> and the
/// <see cref="ProfileOverrides"/>) trains on MQAR first and reports the final evaluation pass instead.
/// </summary>
internal sealed class AttentionScaleDiagnostics : IMacroBenchmark
{
    public string Name => "attention-scale";

    public string Description => "Transformer baseline at init: mixer input / q / k RMS, logit spread, attention entropy; fused-attention gradient check (--profile --seeds).";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 2 });
        var profile = TrainingProfiles.Get(BenchmarkSettings.Option(args, "--profile") ?? "Explore");
        var seeds = int.Parse(BenchmarkSettings.Option(args, "--seeds") ?? "3", CultureInfo.InvariantCulture);
        if (args.Contains("--train"))
        {
            await TrainedAsync(profile, seeds, args, output, cancellationToken);
            return;
        }

        GradientCheck(output);

        var mqar = profile.Benchmarks.First(b => b.Name == "mqar");
        output.WriteLine();
        output.WriteLine("| Seed | Layer | Mixer input RMS | q RMS | k RMS | Logit std | Max logit | Row entropy / ln(visible) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var seed = 0; seed < seeds; seed++)
        {
            var data = await new MqarBenchmark().PrepareAsync(
                new BenchmarkSetup { SequenceLength = profile.SequenceLength, Seed = seed, Settings = mqar.Settings }, cancellationToken);
            var batch = data.NextTrainingBatch(profile.BatchSize);
            using var scope = NewDisposeScope();
            random.manual_seed(seed);
            var probes = new List<ProbeMixer>();
            using var model = new BackboneLm(BackboneOptions.FromProfile(profile, data.VocabSize), options =>
            {
                var probe = new ProbeMixer(new SoftmaxAttentionMixer(options), options.NumHeads);
                probes.Add(probe);
                return probe;
            });
            using (no_grad())
            {
                model.forward(tensor(batch.Inputs).reshape(batch.BatchSize, batch.Length));
            }

            for (var layer = 0; layer < probes.Count; layer++)
            {
                var s = probes[layer].Stats;
                output.WriteLine(FormattableString.Invariant(
                    $"| {seed} | {layer} | {s.InputRms:F3} | {s.QRms:F3} | {s.KRms:F3} | {s.LogitStd:F3} | {s.MaxLogit:F2} | {s.Entropy:F3} |"));
            }
        }
    }

    /// <summary>
    /// Trains the Transformer on the profile's MQAR task only (with the <see cref="ProfileOverrides"/> and <c>--lr</c>)
    /// and prints the loss curve and the attention statistics of the final evaluation pass.
    /// </summary>
    private static async Task TrainedAsync(
        TrainingProfile profile, int seeds, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        if (BenchmarkSettings.Option(args, "--lr") is { } lr)
        {
            profile = profile with { LearningRate = double.Parse(lr, CultureInfo.InvariantCulture) };
        }

        profile = ProfileOverrides.Apply(profile with { Benchmarks = [.. profile.Benchmarks.Where(b => b.Name == "mqar")], LossTask = "mqar" }, args);
        var first = int.Parse(BenchmarkSettings.Option(args, "--first-seed") ?? "0", CultureInfo.InvariantCulture);
        var qkScale = double.Parse(BenchmarkSettings.Option(args, "--qk-init-scale") ?? "1", CultureInfo.InvariantCulture);
        var trainer = new TorchSharpTrainer();
        output.WriteLine(FormattableString.Invariant($"MQAR only, lr {profile.LearningRate}, batch {profile.BatchSize}, {profile.Steps} steps, q/k init x {qkScale}."));
        for (var seed = first; seed < first + seeds; seed++)
        {
            var probes = new List<ProbeMixer>();
            var result = await trainer.TrainAsync(
                new MixerTrainingRequest
                {
                    Mixer = options =>
                    {
                        var probe = new ProbeMixer(new SoftmaxAttentionMixer(options), options.NumHeads);
                        probe.ScaleQueryKeyInit(qkScale);
                        probes.Add(probe);
                        return probe;
                    },
                    Profile = profile,
                    Seed = seed,
                    Device = ComputeDevice.Cpu,
                    Threads = 2,
                },
                cancellationToken: cancellationToken);
            var task = result.GetTask("mqar")!;
            var curve = string.Join(" ", task.LossCurve.Where(p => p.Step % 30 == 0 || p.Step == task.Steps).Select(p => FormattableString.Invariant($"{p.Step}:{p.Loss:F2}")));
            output.WriteLine(FormattableString.Invariant($"seed {seed}: accuracy {task.Metrics["accuracy"]:F3}; loss {curve}"));
            for (var layer = 0; layer < probes.Count; layer++)
            {
                var s = probes[layer].Stats;
                output.WriteLine(FormattableString.Invariant(
                    $"  layer {layer}: input RMS {s.InputRms:F3}, q {s.QRms:F3}, k {s.KRms:F3}, logit std {s.LogitStd:F2}, max {s.MaxLogit:F1}, entropy/ln(n) {s.Entropy:F3}"));
            }
        }
    }

    /// <summary>Gradients of the fused causal attention against softmax(q kᵀ / √d + mask) v, float32, Explore-sized.</summary>
    private static void GradientCheck(TextWriter output)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var shape = new long[] { 4, 4, 64, 16 };
        var q0 = randn(shape) * 2;
        var k0 = randn(shape) * 2;
        var v0 = randn(shape);
        var w = randn(shape);

        Tensor[] Grads(bool fused)
        {
            var q = q0.detach().requires_grad_();
            var k = k0.detach().requires_grad_();
            var v = v0.detach().requires_grad_();
            Tensor o;
            if (fused)
            {
                o = SequenceOps.CausalSoftmaxAttention(q, k, v);
            }
            else
            {
                var logits = q.matmul(k.transpose(-1, -2)) / Math.Sqrt(16);
                var mask = ones(64, 64).triu(1).to_type(ScalarType.Bool);
                o = logits.masked_fill(mask, double.NegativeInfinity).softmax(-1).matmul(v);
            }

            (o * w).sum().backward();
            return [o.detach(), q.grad!, k.grad!, v.grad!];
        }

        var reference = Grads(false);
        var fusedGrads = Grads(true);
        string[] names = ["output", "dq", "dk", "dv"];
        output.WriteLine("Fused causal attention vs hand-written masked softmax (float32, [4, 4, 64, 16]), max |difference| / max |reference|:");
        for (var i = 0; i < names.Length; i++)
        {
            var diff = (reference[i] - fusedGrads[i]).abs().max().item<float>() / reference[i].abs().max().item<float>();
            output.WriteLine(FormattableString.Invariant($"- {names[i]}: {diff:E2}"));
        }
    }
}
