namespace AsiArch.Sdk.TorchSharp.Training;

/// <summary>The learning-rate multiplier (of the peak rate) at each step of a <see cref="LearningRateSchedule"/>.</summary>
public static class LearningRateScheduler
{
    /// <summary>The floor the decaying schedules end at, as a share of the peak rate.</summary>
    public const double MinimumFactor = 0.1;

    /// <summary>
    /// The multiplier at 1-based <paramref name="step"/> of <paramref name="totalSteps"/>: linear warm-up over
    /// <paramref name="warmupSteps"/>, then cosine decay to 10%, warmup-stable-decay (linear to 10% over the last 20%
    /// of steps) or constant.
    /// </summary>
    public static double Factor(LearningRateSchedule schedule, int step, int warmupSteps, int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        step = Math.Clamp(step, 1, totalSteps);
        if (step <= warmupSteps)
        {
            return (double)step / warmupSteps;
        }

        switch (schedule)
        {
            case LearningRateSchedule.Cosine:
            {
                var span = Math.Max(1, totalSteps - warmupSteps);
                var progress = (double)(step - warmupSteps) / span;
                return MinimumFactor + (1 - MinimumFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress));
            }

            case LearningRateSchedule.WarmupStableDecay:
            {
                var decayStart = Math.Max(warmupSteps, totalSteps - (int)Math.Ceiling(0.2 * totalSteps));
                if (step <= decayStart)
                {
                    return 1.0;
                }

                var progress = (double)(step - decayStart) / Math.Max(1, totalSteps - decayStart);
                return 1 - (1 - MinimumFactor) * progress;
            }

            case LearningRateSchedule.Constant:
                return 1.0;

            default:
                throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown learning-rate schedule.");
        }
    }
}
