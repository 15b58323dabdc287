using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>
/// The sanity probes, run inside the worker on a loaded mixer: construction and parameter budget, output shape,
/// finiteness, backward, causality, batch independence, complexity, step time, peak memory and the structural
/// fingerprint. The first failed check ends the run; what was measured up to then is reported.
/// </summary>
/// <remarks>Runs untrusted code: only ever call it in the sandboxed worker (or on the library's own baselines).</remarks>
public static class MixerProbes
{
    /// <summary>Runs every probe.</summary>
    /// <param name="factory">Creates the mixer.</param>
    /// <param name="profile">Dimensions, probe shape and parameter budget.</param>
    /// <param name="seed">Seed of weights and inputs.</param>
    /// <param name="settings">Probe settings; null uses the defaults.</param>
    public static ProbeRun Run(MixerFactory factory, TrainingProfile profile, int seed, ProbeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(profile);
        settings ??= new ProbeSettings();
        var options = new MixerOptions
        {
            ModelDim = profile.ModelDim,
            NumHeads = profile.NumHeads,
            LayerIndex = 0,
            NumLayers = profile.NumLayers,
            ChunkSize = profile.ChunkSize,
        };
        var report = new ProbeReport();
        var extra = new AdditionalPropertiesDictionary();
        var dim = profile.ModelDim;
        var length = Math.Min(profile.SequenceLength, settings.MaxSequenceLength);
        var stage = "construction";
        var stages = new StageClock();
        extra["probeStageMs"] = stages.Milliseconds;
        nn.Module<Tensor, Tensor>? module = null;
        using var threads = TorchThreadScope.Use(settings.Threads);
        try
        {
            extra["probeThreads"] = torch.get_num_threads();
            torch.manual_seed(seed);
            module = factory(options);
            long parameters = module.parameters().Sum(p => p.numel());
            report = report with { Parameters = parameters };
            if (profile.MaxMixerParameters is { } budget && parameters > budget)
            {
                return Fail(report, extra, FailureKind.ContractViolation,
                    $"The mixer has {parameters:N0} parameters, over the {profile.Name} budget of {budget:N0} per layer.",
                    $"ModelDim={dim}, NumHeads={profile.NumHeads}: reduce projection widths or expansion factors.");
            }

            stage = stages.Enter("forward");
            using (var scope = torch.NewDisposeScope())
            {
                module.train();
                torch.manual_seed(seed + 1);
                var x = torch.randn([settings.BatchSize, length, dim]);
                var y = module.forward(x);
                if (!y.shape.SequenceEqual(x.shape))
                {
                    return Fail(report, extra, FailureKind.ContractViolation,
                        $"forward returned shape [{string.Join(", ", y.shape)}] for input [{string.Join(", ", x.shape)}]; it must return the input's shape [batch, time, ModelDim].");
                }

                if (!torch.isfinite(y).all().item<bool>())
                {
                    return Fail(report, extra, FailureKind.NonFinite, "forward produced NaN or infinity on standard-normal inputs.", Describe(y));
                }

                stage = stages.Enter("backward");
                var loss = y.pow(2).mean();
                loss.backward();
                foreach (var (name, p) in module.named_parameters())
                {
                    var grad = p.grad;
                    if (grad is not null && !torch.isfinite(grad).all().item<bool>())
                    {
                        return Fail(report, extra, FailureKind.NonFinite, $"backward produced NaN or infinity in the gradient of '{name}'.");
                    }
                }

                module.zero_grad();
            }

            module.eval();
            stage = stages.Enter("causality probe");
            var leak = CausalLeak(module, settings, length, dim, seed, out var scale);
            var causal = leak <= settings.CausalTolerance * (1 + scale);
            report = report with { Causal = causal, CausalLeak = leak };
            if (!causal)
            {
                return Fail(report, extra, FailureKind.NotCausal,
                    $"Outputs before t0 changed by up to {leak:G3} when only inputs at t >= t0 changed: position t must depend on inputs 0..t only.",
                    "Check global reductions over time (mean/softmax/normalisation over T), missing causal masks, reversed or centred convolutions, and chunked code that reads a whole chunk before its end.");
            }

            stage = stages.Enter("batch-independence probe");
            var batchDiff = BatchDifference(module, settings, length, dim, seed);
            var independent = batchDiff <= settings.BatchTolerance * (1 + scale);
            report = report with { BatchIndependent = independent };
            extra["batchDifference"] = batchDiff;
            if (!independent)
            {
                return Fail(report, extra, FailureKind.ContractViolation,
                    $"A sample's output changed by up to {batchDiff:G3} depending on the other samples in its batch; samples must be processed independently.",
                    "Check reductions or normalisation over the batch dimension (dim 0).");
            }

            // The training step before the complexity probe: its allocations, needed anyway, grow a fresh worker's heap,
            // so the complexity probe's timed lengths do not pay for first-touch page faults.
            stage = stages.Enter("training step");
            module.train();
            report = report with { StepMilliseconds = StepTime(module, settings, profile, seed) };
            module.eval();

            if (settings.MeasureComplexity)
            {
                stage = stages.Enter("complexity probe");
                var (exponent, timings, clock) = Complexity(module, settings, dim, seed);
                report = report with { ComplexityExponent = exponent };
                extra["complexityTimingsMs"] = timings;
                extra["complexityClock"] = clock;
                if (exponent > settings.ComplexityThreshold)
                {
                    return Fail(report, extra, FailureKind.SuperLinear,
                        $"Forward time grows like T^{exponent.ToString("0.00", CultureInfo.InvariantCulture)} with sequence length (limit T^{settings.ComplexityThreshold.ToString("0.00", CultureInfo.InvariantCulture)}): the design is not sub-quadratic.",
                        "Forward ms by T: " + string.Join(", ", timings.Select(kv => $"{kv.Key}: {kv.Value.ToString("0.00", CultureInfo.InvariantCulture)}")),
                        "Replace full [T, T] attention with chunked linear attention, delta-rule recurrences or sliding windows from AsiArch.Sdk.TorchSharp.Blocks.");
                }
            }

            stage = stages.Enter("fingerprint");
            report = report with { Fingerprint = Fingerprint(factory, options, settings, dim) };
        }
        catch (Exception ex)
        {
            var failure = CandidateExceptions.Classify(ex, stage);
            return new ProbeRun(Finish(report, extra), failure);
        }
        finally
        {
            module?.Dispose();
            stages.Stop();
        }

        return new ProbeRun(Finish(report, extra), null);
    }

    /// <summary>
    /// Only the complexity probe: the fitted forward-time exponent of <paramref name="module"/> (eval mode, no grad),
    /// confirmed by a second measurement when it exceeds the threshold.
    /// </summary>
    public static double MeasureComplexityExponent(nn.Module<Tensor, Tensor> module, int modelDim, int seed, ProbeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        module.eval();
        return Complexity(module, settings ?? new ProbeSettings(), modelDim, seed).Exponent;
    }

    private static ProbeRun Fail(ProbeReport report, AdditionalPropertiesDictionary extra, FailureKind kind, string message, params string[] diagnostics) =>
        new(Finish(report, extra), new ExperimentFailure(kind, message, diagnostics));

    private static ProbeReport Finish(ProbeReport report, AdditionalPropertiesDictionary extra) =>
        report with { PeakMemoryBytes = PeakResidentBytes(), AdditionalProperties = extra };

    private static string Describe(Tensor y)
    {
        var nan = torch.isnan(y).sum().item<long>();
        var inf = torch.isinf(y).sum().item<long>();
        return $"{nan} NaN and {inf} infinite values out of {y.numel()}.";
    }

    private static double CausalLeak(nn.Module<Tensor, Tensor> module, ProbeSettings settings, int length, int dim, int seed, out double scale)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.manual_seed(seed + 2);
        var x = torch.randn([settings.BatchSize, length, dim]);
        var y = module.forward(x);
        scale = y.abs().max().item<float>();
        double leak = 0;
        // Several cut points: one mid-sequence, one off any chunk boundary, one near the start.
        foreach (var t0 in new[] { length / 2, Math.Max(1, (length / 2) - 3), 1 }.Distinct())
        {
            var perturbed = x.clone();
            perturbed.narrow(1, t0, length - t0).copy_(torch.randn([settings.BatchSize, length - t0, dim]) * 3);
            var y2 = module.forward(perturbed);
            leak = Math.Max(leak, (y.narrow(1, 0, t0) - y2.narrow(1, 0, t0)).abs().max().item<float>());
        }

        return leak;
    }

    private static double BatchDifference(nn.Module<Tensor, Tensor> module, ProbeSettings settings, int length, int dim, int seed)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.manual_seed(seed + 3);
        var batch = Math.Max(2, settings.BatchSize + 1);
        var x = torch.randn([batch, length, dim]);
        var y = module.forward(x);
        double diff = 0;
        for (var i = 0; i < batch; i++)
        {
            var alone = module.forward(x.narrow(0, i, 1));
            diff = Math.Max(diff, (alone - y.narrow(0, i, 1)).abs().max().item<float>());
        }

        return diff;
    }

    /// <summary>The fitted exponent, the timings behind it and the clock that timed them.</summary>
    private static (double Exponent, Dictionary<string, double> TimingsMs, string Clock) Complexity(nn.Module<Tensor, Tensor> module, ProbeSettings settings, int dim, int seed)
    {
        using var threads = TorchThreadScope.Use(settings.ComplexityThreads);

        // On one torch thread all of a forward's work runs on this thread (ATen runs parallel loops inline), so the
        // thread's own CPU time is the work, and the runtime's other threads do not count.
        var thisThread = torch.get_num_threads() == 1;
        var clock = !CpuClock.MeasuresCpuTime ? "wall" : thisThread ? "thread-cpu" : "process-cpu";
        var (exponent, clearlyLinear, timings) = MeasureComplexity(module, settings, settings.ComplexityLengths, dim, seed, thisThread);
        if (clearlyLinear || settings.ComplexityConfirmLengths.Count == 0)
        {
            return (exponent, timings, clock);
        }

        // Not clearly linear over the short lengths: a quadratic term dominates only further out, so measure again with
        // the longer lengths added, and a flagged fit twice, since timer noise (another process, a GC) can fake a steep
        // curve.
        List<int> lengths = [.. settings.ComplexityLengths, .. settings.ComplexityConfirmLengths];
        (exponent, _, timings) = MeasureComplexity(module, settings, lengths, dim, seed, thisThread);
        if (exponent > settings.ComplexityThreshold)
        {
            var (again, _, timingsAgain) = MeasureComplexity(module, settings, lengths, dim, seed, thisThread);
            if (again < exponent)
            {
                return (again, timingsAgain, clock);
            }
        }

        return (exponent, timings, clock);
    }

    /// <summary>
    /// The median-slope exponent over <paramref name="complexityLengths"/>, whether the fit is clearly linear (every step
    /// at least <see cref="ProbeSettings.ComplexityEarlyAcceptMargin"/> below the threshold, which ends the timing early)
    /// and the fastest forward time per length.
    /// </summary>
    private static (double Exponent, bool ClearlyLinear, Dictionary<string, double> TimingsMs) MeasureComplexity(
        nn.Module<Tensor, Tensor> module, ProbeSettings settings, IReadOnlyList<int> complexityLengths, int dim, int seed, bool thisThread)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var lengths = new List<int>();
        var inputs = new List<Tensor>();
        foreach (var length in complexityLengths)
        {
            torch.manual_seed(seed + length);
            var x = torch.randn([1, length, dim]);
            var warm = Stopwatch.StartNew();
            ForwardAndRelease(module, x);
            lengths.Add(length);
            inputs.Add(x);
            if (warm.Elapsed > settings.ComplexityForwardLimit)
            {
                break;
            }
        }

        Headroom(module, lengths[^1] + (lengths[^1] / 4), dim);

        // More warm-up rounds, if configured (the first calls above were the first round).
        for (var round = 1; round < settings.ComplexityWarmUpRounds; round++)
        {
            foreach (var x in inputs)
            {
                ForwardAndRelease(module, x);
            }
        }

        // Short lengths repeat up to a comparable amount of work per sample, and the lengths are interleaved within every
        // repeat, so slow phases of a shared machine hit every length alike.
        var samples = lengths.Select(_ => new List<double>()).ToList();
        var clearlyLinear = false;
        List<double> fastest = [];
        for (var r = 0; r < settings.ComplexityRepeats; r++)
        {
            for (var i = 0; i < lengths.Count; i++)
            {
                var inner = Math.Max(1, settings.ComplexityTokensPerSample / lengths[i]);
                var start = CpuClock.Now(thisThread);
                for (var k = 0; k < inner; k++)
                {
                    ForwardAndRelease(module, inputs[i]);
                }

                samples[i].Add((CpuClock.Now(thisThread) - start) / inner);
            }

            // The fastest repeat, not the median: interference (another process, a GC, the JIT tiering up on a background
            // thread in a fresh worker) only ever adds time, and it can last long enough to inflate most repeats of one length.
            fastest = samples.Select(s => s.Min()).ToList();
            clearlyLinear = lengths.Count < 2 || ComplexityFit.SteepestSlope(lengths, fastest) <= settings.ComplexityThreshold - settings.ComplexityEarlyAcceptMargin;
            if (clearlyLinear && r + 1 >= settings.MinComplexityRepeats)
            {
                // Clearly sub-quadratic already: further rounds only shave interference off the fastest times, which would
                // have to steepen a step by more than the margin to change the verdict.
                break;
            }
        }

        var exponent = lengths.Count >= 2 ? ComplexityFit.MedianSlope(lengths, fastest) : 0;
        var timings = lengths.Zip(fastest).ToDictionary(p => p.First.ToString(CultureInfo.InvariantCulture), p => p.Second * 1000);
        return (exponent, clearlyLinear, timings);
    }

    /// <summary>
    /// One untimed forward a quarter longer than the longest timed length, after the first calls at each length. In a
    /// new worker the longest shape a process has run stays about twice as slow per token, call after call, until a
    /// longer one has run (somewhere in the native stack; measured, not explained): without it the fit came out near
    /// 1.4 for linear code, and the probe went on to the confirmation lengths, three times the work. Run before the
    /// first calls instead, it made the probe slower still (1.4-1.6 s against 0.6 s in the engineer benchmark).
    /// </summary>
    private static void Headroom(nn.Module<Tensor, Tensor> module, int length, int dim)
    {
        using var input = torch.randn([1, length, dim]);
        ForwardAndRelease(module, input);
    }

    /// <summary>
    /// One forward whose intermediates are freed right after it, so the probe holds one forward's memory at a time rather
    /// than every call's until the measurement ends (hundreds of MB at the long lengths).
    /// </summary>
    private static void ForwardAndRelease(nn.Module<Tensor, Tensor> module, Tensor input)
    {
        using var call = torch.NewDisposeScope();
        module.forward(input);
    }

    private static double StepTime(nn.Module<Tensor, Tensor> module, ProbeSettings settings, TrainingProfile profile, int seed)
    {
        var times = new List<double>();
        for (var r = 0; r <= settings.StepRepeats; r++)
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(seed + 7 + r);
            var x = torch.randn([profile.BatchSize, profile.SequenceLength, profile.ModelDim]);
            var sw = Stopwatch.StartNew();
            var loss = module.forward(x).pow(2).mean();
            loss.backward();
            var elapsed = sw.Elapsed.TotalMilliseconds;
            module.zero_grad();
            if (r > 0)
            {
                times.Add(elapsed);
            }
        }

        return ComplexityFit.Median(times);
    }

    private static string Fingerprint(MixerFactory factory, MixerOptions options, ProbeSettings settings, int dim)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.manual_seed(settings.FingerprintSeed);
        using var module = factory(options);
        module.eval();
        long parameters = module.parameters().Sum(p => p.numel());
        torch.manual_seed(settings.FingerprintSeed + 1);
        var x = torch.randn([1, 32, dim]);
        var y = module.forward(x).to(ScalarType.Float64).flatten().data<double>().ToArray();
        var bytes = new byte[y.Length * sizeof(long)];
        for (var i = 0; i < y.Length; i++)
        {
            // Rounded to 3 decimals so bit-level noise (operation order) does not change the fingerprint.
            var rounded = (long)Math.Round(y[i] * 1000, MidpointRounding.AwayFromZero);
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(long)), rounded == 0 ? 0L : rounded);
        }

        return $"p{parameters}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}";
    }

    private static long PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux: peak memory is then measured by the host's supervisor only.
        }

        return Environment.WorkingSet;
    }
}
