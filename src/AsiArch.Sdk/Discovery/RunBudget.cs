namespace AsiArch.Sdk.Discovery;

/// <summary>Running totals of a run's costs and the check against its budgets. Thread-safe.</summary>
internal sealed class RunBudget
{
    private readonly Lock _gate = new();
    private double _computeSeconds;
    private long _tokens;
    private decimal _cost;

    public void Add(ExperimentCosts before, ExperimentCosts after)
    {
        lock (_gate)
        {
            _computeSeconds += after.ComputeSeconds - before.ComputeSeconds;
            _tokens += after.Usage.TotalTokens - before.Usage.TotalTokens;
            _cost += after.Usage.Cost - before.Usage.Cost;
        }
    }

    public long Tokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens;
            }
        }
    }

    /// <summary>The budget that is used up, with a description, or null.</summary>
    public (StopReason Reason, string Detail)? Check(DiscoveryOptions options, int? maxExperiments, int roundsUsed, TimeSpan elapsed)
    {
        lock (_gate)
        {
            if (maxExperiments is { } max && roundsUsed >= max)
            {
                return (StopReason.MaxExperiments, $"{roundsUsed} of {max} experiments");
            }

            if (options.MaxWallTime is { } wall && elapsed >= wall)
            {
                return (StopReason.WallTime, $"{elapsed} of {wall}");
            }

            if (options.MaxComputeHours is { } hours && _computeSeconds >= hours * 3600)
            {
                return (StopReason.ComputeHours, $"{_computeSeconds / 3600:0.###} of {hours} compute hours");
            }

            if (options.MaxTokens is { } tokens && _tokens >= tokens)
            {
                return (StopReason.Tokens, $"{_tokens} of {tokens} tokens");
            }

            if (options.MaxCost is { } cost && _cost >= cost)
            {
                return (StopReason.Cost, $"{_cost} of {cost} spent");
            }

            return null;
        }
    }
}
