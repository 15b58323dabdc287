using System.Globalization;

namespace AsiArch.Sdk.Llm.Usage;

/// <summary>
/// Counts tokens and money per call, per role and per experiment, prices calls from the configured table and enforces
/// the hard budget. Thread-safe.
/// </summary>
public sealed class LlmUsageTracker : ILlmBudget
{
    private readonly object _gate = new();
    private readonly LlmOptions _options;
    private readonly Dictionary<string, TokenUsage> _byRole = new(StringComparer.Ordinal);
    private readonly Dictionary<long, TokenUsage> _byExperiment = [];
    private TokenUsage _total = TokenUsage.Zero;
    private long _calls;

    /// <summary>Creates a tracker over the options' price table and budget.</summary>
    public LlmUsageTracker(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <inheritdoc />
    public TokenUsage Spent
    {
        get { lock (_gate) { return _total; } }
    }

    /// <summary>Number of model calls recorded.</summary>
    public long Calls
    {
        get { lock (_gate) { return _calls; } }
    }

    /// <inheritdoc />
    public bool IsExhausted => ExhaustedReason is not null;

    /// <inheritdoc />
    public string? ExhaustedReason
    {
        get
        {
            var spent = Spent;
            var budget = _options.Budget;
            if (budget.MaxTokens is { } maxTokens && spent.TotalTokens >= maxTokens)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The LLM token budget is spent: {spent.TotalTokens} of {maxTokens} tokens.");
            }

            if (budget.MaxCost is { } maxCost && spent.Cost >= maxCost)
            {
                return string.Create(CultureInfo.InvariantCulture, $"The LLM cost budget is spent: {spent.Cost:0.####} of {maxCost:0.####}.");
            }

            return null;
        }
    }

    /// <summary>Prices a call with the table entry of <paramref name="model"/> (zero cost when the model has no price).</summary>
    public TokenUsage Price(string? model, long inputTokens, long outputTokens)
    {
        var cost = model is not null && _options.Prices.TryGetValue(model, out var price)
            ? price.CostOf(inputTokens, outputTokens)
            : 0m;
        return new TokenUsage { InputTokens = inputTokens, OutputTokens = outputTokens, Cost = cost };
    }

    /// <summary>Records one call.</summary>
    public void Record(string role, long? experimentIndex, TokenUsage usage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentNullException.ThrowIfNull(usage);
        lock (_gate)
        {
            _calls++;
            _total += usage;
            _byRole[role] = (_byRole.TryGetValue(role, out var r) ? r : TokenUsage.Zero) + usage;
            if (experimentIndex is { } index)
            {
                _byExperiment[index] = (_byExperiment.TryGetValue(index, out var e) ? e : TokenUsage.Zero) + usage;
            }
        }
    }

    /// <summary>Adds what an earlier process of the same run spent (restart), so the budget spans the whole run.</summary>
    public void Restore(TokenUsage earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        lock (_gate)
        {
            _total += earlier;
        }
    }

    /// <summary>Usage of one role.</summary>
    public TokenUsage ForRole(string role)
    {
        lock (_gate)
        {
            return _byRole.TryGetValue(role, out var usage) ? usage : TokenUsage.Zero;
        }
    }

    /// <summary>Usage of one experiment.</summary>
    public TokenUsage ForExperiment(long experimentIndex)
    {
        lock (_gate)
        {
            return _byExperiment.TryGetValue(experimentIndex, out var usage) ? usage : TokenUsage.Zero;
        }
    }

    /// <summary>Usage per role.</summary>
    public IReadOnlyDictionary<string, TokenUsage> ByRole()
    {
        lock (_gate)
        {
            return new Dictionary<string, TokenUsage>(_byRole, StringComparer.Ordinal);
        }
    }

    /// <summary>Throws a <see cref="ModelCallException"/> of kind <see cref="FailureKind.BudgetExceeded"/> when spent.</summary>
    public void EnsureCanStartProposal()
    {
        if (ExhaustedReason is { } reason)
        {
            throw new ModelCallException(LlmRoles.Researcher, "plan", new ExperimentFailure(FailureKind.BudgetExceeded, reason));
        }
    }
}
