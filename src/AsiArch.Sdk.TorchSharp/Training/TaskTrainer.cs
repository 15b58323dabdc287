using AsiArch.Sdk.TorchSharp.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>
/// Trains a fresh backbone on one task and evaluates it on the held-out batches. Runs all torch work on the calling
/// thread (dispose scopes are per thread). Mixer exceptions and non-finite numbers come back as failures.
/// </summary>
internal sealed class TaskTrainer
{
    private readonly TorchSharpTrainerOptions _options;
    private readonly TimeProvider _time;

    public TaskTrainer(TorchSharpTrainerOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public TaskOutcome Run(TaskRun run, CancellationToken cancellationToken)
    {
        var profile = run.Profile;
        var vocab = run.Data.VocabSize;
        var curve = new List<LossPoint>();
        var step = 0;
        long tokens = 0;
        double trainSeconds = 0;
        BackboneLm? model = null;
        var masters = new List<Parameter>();
        try
        {
            random.manual_seed(run.TorchSeed);
            model = new BackboneLm(BackboneOptions.FromProfile(profile, vocab), run.Mixer);
            model.to(run.Device);
            if (run.BFloat16)
            {
                // fp32 master copies carry the optimiser; the model itself computes in bf16.
                foreach (var p in model.parameters().Where(p => p.requires_grad))
                {
                    var master = new Parameter(p.detach().clone(), requires_grad: true);
                    master.grad = zeros_like(master);
                    masters.Add(master);
                }

                model.to(ScalarType.BFloat16);
            }

            // Taken after every cast: Module.to replaces (and disposes) the parameter objects.
            var parameters = model.parameters().Where(p => p.requires_grad).ToList();

            var optimised = run.BFloat16 ? masters : parameters;
            using var optimizer = CreateOptimizer(optimised, profile);
            var warmup = Math.Min(profile.WarmupSteps, run.Steps);
            var window = new List<double>();
            double? firstLoss = null;
            var uniformLoss = Math.Log(vocab);
            model.train();
            var started = _time.GetTimestamp();
            for (step = 1; step <= run.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = NextBatch(run);
                var factor = LearningRateScheduler.Factor(profile.Schedule, step, warmup, run.Steps);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = profile.LearningRate * factor;
                }

                double loss;
                double gradNorm;
                using (NewDisposeScope())
                {
                    var (inputs, targets, mask) = BatchTensors.ToTensors(batch, run.Device);
                    var logits = model.forward(inputs);
                    var lossTensor = MaskedLoss(logits, targets, mask, vocab);
                    loss = lossTensor.item<float>();
                    if (!double.IsFinite(loss))
                    {
                        return Failed(run, curve, step, tokens, trainSeconds, model, NonFinite(run, step, $"the training loss is {loss}"));
                    }

                    lossTensor.backward();
                    if (run.BFloat16)
                    {
                        for (var i = 0; i < parameters.Count; i++)
                        {
                            var masterGrad = masters[i].grad!;
                            if (parameters[i].grad is { } g)
                            {
                                masterGrad.copy_(g);
                            }
                            else
                            {
                                masterGrad.zero_();
                            }
                        }
                    }

                    gradNorm = nn.utils.clip_grad_norm_(optimised, profile.GradientClip);
                    if (!double.IsFinite(gradNorm))
                    {
                        return Failed(run, curve, step, tokens, trainSeconds, model, NonFinite(run, step, $"the gradient norm is {gradNorm}"));
                    }

                    optimizer.step();
                    model.zero_grad();
                    if (run.BFloat16)
                    {
                        using (no_grad())
                        {
                            for (var i = 0; i < parameters.Count; i++)
                            {
                                parameters[i].copy_(masters[i]);
                            }
                        }
                    }
                }

                tokens += (long)batch.BatchSize * batch.Length;
                firstLoss ??= loss;
                window.Add(loss);
                if (step % profile.LossRecordInterval == 0 || step == run.Steps)
                {
                    var mean = window.Average();
                    curve.Add(new LossPoint(step, mean));
                    window.Clear();
                    var limit = _options.DivergenceFactor * Math.Max(firstLoss.Value, uniformLoss);
                    if (mean > limit)
                    {
                        trainSeconds = _time.GetElapsedTime(started).TotalSeconds;
                        return Failed(run, curve, step, tokens, trainSeconds, model, NonFinite(
                            run, step, $"training diverged: mean loss {mean:G4} exceeds {_options.DivergenceFactor} x max(first loss {firstLoss.Value:G4}, ln vocab {uniformLoss:G4})"));
                    }
                }

                run.OnStep(step, loss);
                if (step % _options.GcInterval == 0)
                {
                    GC.Collect();
                }
            }

            trainSeconds = _time.GetElapsedTime(started).TotalSeconds;
            var (validationLoss, accuracy) = Evaluate(model, run, vocab);
            var result = new TaskResult
            {
                Task = run.Task,
                LossCurve = curve,
                ValidationLoss = validationLoss,
                Metrics = new Dictionary<string, double>
                {
                    ["accuracy"] = accuracy,
                    ["validation_loss"] = validationLoss,
                },
                TokensPerSecond = trainSeconds > 0 ? tokens / trainSeconds : 0,
                Steps = run.Steps,
            };
            var failure = double.IsFinite(validationLoss) && double.IsFinite(accuracy)
                ? null
                : NonFinite(run, run.Steps, $"the validation loss is {validationLoss}");
            return Outcome(result, failure, model, tokens, trainSeconds);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (MixerOutputShapeException ex)
        {
            return Failed(run, curve, step, tokens, trainSeconds, model, new ExperimentFailure(
                FailureKind.ContractViolation, ex.Message, ExceptionDiagnostics.From(ex, run.SourceFileName)));
        }
        catch (Exception ex) when (ex is not BenchmarkDataException)
        {
            var where = model is null ? "while building the model" : step == 0 ? "before training" : $"at step {step}";
            return Failed(run, curve, step, tokens, trainSeconds, model, new ExperimentFailure(
                FailureKind.RuntimeError,
                $"The mixer threw {ex.GetType().Name} on task '{run.Task}' {where}: {FirstLine(ex.Message)}",
                ExceptionDiagnostics.From(ex, run.SourceFileName)));
        }
        finally
        {
            foreach (var master in masters)
            {
                master.Dispose();
            }

            model?.Dispose();
            GC.Collect();
        }
    }

    /// <summary>Mean cross-entropy over the scored positions, in float32.</summary>
    internal static Tensor MaskedLoss(Tensor logits, Tensor targets, Tensor mask, int vocab)
    {
        var ce = nn.functional.cross_entropy(logits.reshape(-1, vocab).to_type(ScalarType.Float32), targets, reduction: nn.Reduction.None);
        return (ce * mask).sum() / mask.sum().clamp_min(1);
    }

    /// <summary>AdamW with weight decay on matrices only (norm gains, biases and decay rates are not shrunk).</summary>
    private AdamW CreateOptimizer(IReadOnlyList<Parameter> parameters, TrainingProfile profile)
    {
        var (lr, b1, b2, eps) = (profile.LearningRate, _options.Beta1, _options.Beta2, _options.Epsilon);
        var groups = new List<AdamW.ParamGroup>();
        var matrices = parameters.Where(p => p.dim() >= 2).ToList();
        var vectors = parameters.Where(p => p.dim() < 2).ToList();
        if (matrices.Count > 0)
        {
            groups.Add(new AdamW.ParamGroup(matrices, lr, b1, b2, eps, profile.WeightDecay, false, false));
        }

        if (vectors.Count > 0)
        {
            groups.Add(new AdamW.ParamGroup(vectors, lr, b1, b2, eps, 0, false, false));
        }

        return optim.AdamW(groups, lr, b1, b2, eps, profile.WeightDecay);
    }

    /// <summary>The next training batch; a benchmark's own failure is not the mixer's and is rethrown as such.</summary>
    private static TokenBatch NextBatch(TaskRun run)
    {
        try
        {
            var batch = run.Data.NextTrainingBatch(run.Profile.BatchSize);
            BatchTensors.Check(batch, run.Data.VocabSize, run.Task);
            return batch;
        }
        catch (Exception ex) when (ex is not BenchmarkDataException)
        {
            throw new BenchmarkDataException($"Benchmark '{run.Task}' failed to produce a training batch: {ex.Message}", ex);
        }
    }

    private (double Loss, double Accuracy) Evaluate(BackboneLm model, TaskRun run, int vocab)
    {
        model.eval();
        double lossSum = 0;
        double correct = 0;
        double count = 0;
        using (no_grad())
        {
            foreach (var batch in run.Validation)
            {
                BatchTensors.Check(batch, vocab, run.Task);
                using var scope = NewDisposeScope();
                var (inputs, targets, mask) = BatchTensors.ToTensors(batch, run.Device);
                var logits = model.forward(inputs).reshape(-1, vocab).to_type(ScalarType.Float32);
                var ce = nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.None);
                lossSum += (ce * mask).sum().item<float>();
                correct += (logits.argmax(-1).eq(targets).to_type(ScalarType.Float32) * mask).sum().item<float>();
                count += mask.sum().item<float>();
            }
        }

        GC.Collect();
        return count == 0 ? (double.NaN, double.NaN) : (lossSum / count, correct / count);
    }

    private static ExperimentFailure NonFinite(TaskRun run, int step, string what) =>
        new(FailureKind.NonFinite, $"Training stopped on task '{run.Task}' at step {step} of {run.Steps}: {what}.");

    private static string FirstLine(string text)
    {
        var i = text.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? text : text[..i].TrimEnd();
    }

    private static TaskOutcome Failed(
        TaskRun run, List<LossPoint> curve, int step, long tokens, double seconds, BackboneLm? model, ExperimentFailure failure) =>
        Outcome(
            new TaskResult { Task = run.Task, LossCurve = curve, Steps = Math.Max(0, step), TokensPerSecond = seconds > 0 ? tokens / seconds : 0 },
            failure, model, tokens, seconds);

    private static TaskOutcome Outcome(TaskResult result, ExperimentFailure? failure, BackboneLm? model, long tokens, double seconds) => new()
    {
        Result = result,
        Failure = failure,
        Parameters = model?.Parameters ?? 0,
        MixerParameters = model?.MixerParameters ?? 0,
        FlopsPerToken = model?.TrainingFlopsPerToken ?? 0,
        TrainTokens = tokens,
        TrainSeconds = seconds,
    };
}
