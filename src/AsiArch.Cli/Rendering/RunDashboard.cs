using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;

namespace AsiArch.Cli.Rendering;

/// <summary>
/// The state of a discovery run as its events arrive: experiments in flight with their training progress, the
/// leaderboard so far, and the budget used. Fed by one consumer (the renderer), read for drawing.
/// </summary>
public sealed class RunDashboard
{
    private readonly Dictionary<long, TrainingSlotState> _slots = [];
    private readonly Dictionary<long, ExperimentRecord> _finished = [];
    private readonly HashSet<long> _counted = [];

    /// <summary>Creates a dashboard.</summary>
    /// <param name="limits">The run's budgets, shown as "used / limit".</param>
    /// <param name="leaderboardSize">Rows of the leaderboard.</param>
    public RunDashboard(RunBudgetLimits? limits = null, int leaderboardSize = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leaderboardSize);
        Limits = limits ?? new RunBudgetLimits();
        LeaderboardSize = leaderboardSize;
    }

    /// <summary>The run's budgets.</summary>
    public RunBudgetLimits Limits { get; }

    /// <summary>Rows of the leaderboard.</summary>
    public int LeaderboardSize { get; }

    /// <summary>Experiments in flight, by index.</summary>
    public IReadOnlyList<TrainingSlotState> Slots => _slots.Values.OrderBy(s => s.Index).ToList();

    /// <summary>Scored experiments so far, best first.</summary>
    public IReadOnlyList<ExperimentRecord> Leaderboard =>
        _finished.Values.Where(r => r.Score is not null).OrderByDescending(r => r.Score).ThenBy(r => r.Index).Take(LeaderboardSize).ToList();

    /// <summary>Experiments proposed (candidates, seeds, baselines, promotions).</summary>
    public int Proposed { get; private set; }

    /// <summary>Experiments that reached Done.</summary>
    public int Completed { get; private set; }

    /// <summary>Experiments that reached Failed.</summary>
    public int Failed { get; private set; }

    /// <summary>Candidates proposed (what the experiment budget counts).</summary>
    public int Candidates { get; private set; }

    /// <summary>Promotions verified, and how many were discoveries.</summary>
    public (int Verified, int Discoveries) Promotions { get; private set; }

    /// <summary>Compute seconds of finished experiments.</summary>
    public double ComputeSeconds { get; private set; }

    /// <summary>Model tokens of finished experiments.</summary>
    public long Tokens { get; private set; }

    /// <summary>Model cost of finished experiments.</summary>
    public decimal Cost { get; private set; }

    /// <summary>Timestamp of the first event.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>Timestamp of the latest event.</summary>
    public DateTimeOffset? LastEventAt { get; private set; }

    /// <summary>Why the run stopped, once it has.</summary>
    public StopReason? StopReason { get; private set; }

    /// <summary>The budget that ran out, with its detail, once one has.</summary>
    public string? BudgetDetail { get; private set; }

    /// <summary>Wall time between the first and the latest event.</summary>
    public TimeSpan Elapsed => StartedAt is { } s && LastEventAt is { } l ? l - s : TimeSpan.Zero;

    /// <summary>Updates the state with one event.</summary>
    /// <param name="e">The event.</param>
    public void Apply(DiscoveryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        StartedAt ??= e.Timestamp;
        if (LastEventAt is null || e.Timestamp > LastEventAt)
        {
            LastEventAt = e.Timestamp;
        }

        switch (e)
        {
            case ExperimentProposedEvent p:
                Proposed++;
                if (p.Experiment.Kind == ExperimentKind.Candidate)
                {
                    Candidates++;
                }

                Track(p.Experiment, "proposed");
                break;
            case ExperimentImplementedEvent i:
                Track(i.Experiment, "validated");
                break;
            case TrainingProgressEvent t:
                if (_slots.TryGetValue(t.ExperimentIndex, out var slot))
                {
                    _slots[t.ExperimentIndex] = slot with { Stage = "training " + t.Progress.Task, Progress = t.Progress };
                }
                else
                {
                    _slots[t.ExperimentIndex] = new TrainingSlotState
                    {
                        Index = t.ExperimentIndex,
                        Name = $"#{t.ExperimentIndex}",
                        Stage = "training " + t.Progress.Task,
                        Progress = t.Progress,
                    };
                }

                break;
            case ExperimentEvaluatedEvent v:
                Track(v.Experiment, "analysing");
                break;
            case ExperimentAnalyzedEvent a:
                Track(a.Experiment, "storing");
                break;
            case ExperimentCompletedEvent c:
                Finish(c.Experiment, failed: false);
                break;
            case ExperimentFailedEvent f:
                Finish(f.Experiment, failed: true);
                break;
            case CandidatePromotedEvent promoted:
                Promotions = (Promotions.Verified + 1, Promotions.Discoveries + (promoted.Outcome.IsDiscovery ? 1 : 0));
                break;
            case BudgetReachedEvent b:
                BudgetDetail = $"{b.Reason}: {b.Detail}";
                break;
            case RunStoppedEvent s:
                StopReason = s.Reason;
                break;
        }
    }

    private void Track(ExperimentRecord record, string stage)
    {
        _slots[record.Index] = _slots.TryGetValue(record.Index, out var slot)
            ? slot with { Name = record.Name, Kind = record.Kind, Stage = stage, Progress = stage == "validated" ? null : slot.Progress }
            : new TrainingSlotState { Index = record.Index, Name = record.Name, Kind = record.Kind, Stage = stage };
    }

    private void Finish(ExperimentRecord record, bool failed)
    {
        _slots.Remove(record.Index);
        _finished[record.Index] = record;
        if (!_counted.Add(record.Index))
        {
            return; // a resumed run may report an experiment twice; count its cost once
        }

        if (failed)
        {
            Failed++;
        }
        else
        {
            Completed++;
        }

        ComputeSeconds += record.Costs.ComputeSeconds;
        Tokens += record.Costs.Usage.TotalTokens;
        Cost += record.Costs.Usage.Cost;
    }
}
