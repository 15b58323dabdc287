using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Telemetry;

namespace AsiArch.Sdk.Discovery;

/// <summary>The per-experiment state machine: every transition is committed before the next step starts.</summary>
internal sealed partial class DiscoveryRun
{
    /// <summary>
    /// One proposal round: sample, propose, store (Proposed), novelty check, re-plan on duplicates (bounded). A round
    /// cut off by a crash continues from <paramref name="resume"/>: same parent, its rejected proposals, next attempt.
    /// </summary>
    private async Task<ExperimentRecord?> ProposeRoundAsync(int round, OpenRound? resume = null)
    {
        var random = new Random(Mix(_request.Seed, round));
        var pool = await LoadPoolAsync().ConfigureAwait(false);
        IReadOnlyDictionary<long, int>? children = null;
        if (_options.Selection == SelectionStrategy.Uct)
        {
            var counts = new Dictionary<long, int>();
            foreach (var member in pool)
            {
                counts[member.Index] = (await _store.GetChildrenAsync(member.Index, _abort).ConfigureAwait(false))
                    .Count(c => c.Kind == ExperimentKind.Candidate);
            }

            children = counts;
        }

        var sample = CandidateSampler.Sample(pool, random, _options, children);
        if (resume?.ParentIndex is { } parentIndex && sample.Parent?.Index != parentIndex)
        {
            var parentRecord = await _store.GetAsync(parentIndex, _abort).ConfigureAwait(false);
            sample = new CandidateSample(parentRecord, sample.References.Where(r => r.Index != parentIndex).ToList());
        }

        var baselines = await CompletedReferencesAsync(Profile, _request.Seed).ConfigureAwait(false);
        IReadOnlyList<CognitionHit> cognition = [];
        if (_loop.Cognition is { } store && _options.CognitionHits > 0 && sample.Parent is { } parent)
        {
            var query = parent.Analysis?.ResultsAnalysis is { Length: > 0 } results ? results : parent.Motivation;
            if (!string.IsNullOrWhiteSpace(query))
            {
                cognition = await store.SearchAsync(query, _options.CognitionHits, _abort).ConfigureAwait(false);
            }
        }

        var rejected = resume?.Rejected.ToList() ?? [];
        var attempt = resume?.NextAttempt ?? 0;
        if (resume?.Pending is { } pending)
        {
            var (checkedPending, pendingVerdict) = await CheckNoveltyAsync(pending).ConfigureAwait(false);
            if (checkedPending.Status != ExperimentStatus.Failed)
            {
                return checkedPending;
            }

            if (attempt > _options.MaxReplans || _stop.IsCancellationRequested)
            {
                return null;
            }

            rejected.Add(new RejectedProposal { Proposal = RecordProperties.ToProposal(pending), Verdict = pendingVerdict! });
        }

        for (; ; attempt++)
        {
            var context = new ResearchContext
            {
                Parent = sample.Parent,
                References = sample.References,
                Baselines = baselines,
                Cognition = cognition,
                Rejected = rejected.ToList(),
                Seed = Mix(Mix(_request.Seed, round), attempt),
                ProfileName = Profile.Name,
                AdditionalProperties = new AdditionalPropertiesDictionary { [RecordProperties.Round] = round, [RecordProperties.Attempt] = attempt },
            };
            Proposal proposal;
            using (var span = AsiArchMetrics.ActivitySource.StartActivity("asiarch.researcher.propose"))
            {
                span?.SetTag("asiarch.round", round);
                proposal = await _loop.Researcher.ProposeAsync(context, _abort).ConfigureAwait(false);
            }

            if (proposal is null || string.IsNullOrWhiteSpace(proposal.Name) || proposal.Source is null)
            {
                throw new InvalidOperationException("The researcher returned a proposal without a name or source.");
            }

            AsiArchMetrics.Tokens.Add(proposal.Usage.TotalTokens, new KeyValuePair<string, object?>("role", "researcher"));
            var record = await CreateCandidateAsync(
                new ExperimentDraft
                {
                    Name = proposal.Name,
                    Parent = sample.Parent?.Index,
                    Kind = ExperimentKind.Candidate,
                    Motivation = proposal.Motivation,
                    Program = proposal.Source.Code,
                    DesignSpec = proposal.DesignSpec,
                    ProfileName = Profile.Name,
                    Seed = _request.Seed,
                    Costs = ExperimentCosts.None.Add(proposal.Usage),
                    AdditionalProperties = RecordProperties.With(proposal.AdditionalProperties, (RecordProperties.Round, round), (RecordProperties.Attempt, attempt)),
                }).ConfigureAwait(false);
            _budget.Add(ExperimentCosts.None, record.Costs);
            Emit(new ExperimentProposedEvent { Experiment = record });
            DiscoveryLog.StateChanged(Logger, record.Index, record.Name, record.Status);

            var (checkedRecord, verdict) = await CheckNoveltyAsync(record).ConfigureAwait(false);
            if (checkedRecord.Status != ExperimentStatus.Failed)
            {
                return checkedRecord;
            }

            if (attempt >= _options.MaxReplans || _stop.IsCancellationRequested ||
                _budget.Check(_options, null, 0, _loop.Time.GetElapsedTime(_startTimestamp)) is not null)
            {
                return null;
            }

            rejected.Add(new RejectedProposal { Proposal = proposal, Verdict = verdict! });
        }
    }

    /// <summary>Asks the researcher whether a stored proposal repeats one of the most similar earlier motivations.</summary>
    private async Task<(ExperimentRecord Record, NoveltyVerdict? Verdict)> CheckNoveltyAsync(ExperimentRecord record)
    {
        var similar = (await _store.SearchMotivationsAsync(record.Motivation, _options.NoveltyNeighbors + 1, _abort).ConfigureAwait(false))
            .Where(r => r.Index != record.Index)
            .Take(_options.NoveltyNeighbors)
            .ToList();
        NoveltyVerdict verdict;
        using (StartSpan("asiarch.researcher.novelty", record))
        {
            verdict = await _loop.Researcher.CheckNoveltyAsync(RecordProperties.ToProposal(record), similar, _abort).ConfigureAwait(false);
        }

        AsiArchMetrics.Tokens.Add(verdict.Usage.TotalTokens, new KeyValuePair<string, object?>("role", "researcher"));
        var updated = record with
        {
            Costs = record.Costs.Add(verdict.Usage),
            AdditionalProperties = RecordProperties.With(
                record.AdditionalProperties,
                (RecordProperties.Novelty, verdict.IsDuplicate ? "duplicate" : "novel"),
                (RecordProperties.NoveltyReason, verdict.Reason)),
        };
        if (verdict.IsDuplicate)
        {
            var of = verdict.SimilarTo.Count > 0 ? $" of experiment(s) {string.Join(", ", verdict.SimilarTo)}" : "";
            var reason = string.IsNullOrWhiteSpace(verdict.Reason) ? "no reason given" : verdict.Reason;
            return (await FailAsync(updated, new ExperimentFailure(FailureKind.Duplicate, $"Duplicate{of}: {reason}"), record).ConfigureAwait(false), verdict);
        }

        return (await CommitAsync(record, updated).ConfigureAwait(false), verdict);
    }

    /// <summary>
    /// Proposed → Implemented (final source, repairs, probes and artifact committed) → Validated (structural
    /// fingerprint is new). Returns the record with the artifact to train, or null when it failed.
    /// </summary>
    private async Task<(ExperimentRecord Record, CandidateArtifact Artifact)?> PrepareAsync(ExperimentRecord record, TrainingProfile profile)
    {
        if (record.Status == ExperimentStatus.Proposed && record.Kind == ExperimentKind.Candidate &&
            RecordProperties.GetString(record, RecordProperties.Novelty) is null)
        {
            (record, _) = await CheckNoveltyAsync(record).ConfigureAwait(false);
            if (record.Status == ExperimentStatus.Failed)
            {
                return null;
            }
        }

        var artifact = RecordProperties.GetArtifact(record);
        if (record.Status == ExperimentStatus.Proposed || artifact is null)
        {
            ImplementationResult implementation;
            using (StartSpan("asiarch.engineer.implement", record))
            {
                implementation = await _loop.Engineer.ImplementAsync(
                    new ImplementationRequest
                    {
                        Proposal = RecordProperties.ToProposal(record),
                        Profile = profile,
                        ExperimentIndex = record.Index,
                        Seed = record.Seed,
                        Reference = record.Kind is ExperimentKind.Seed or ExperimentKind.Baseline,
                    },
                    _abort).ConfigureAwait(false);
            }

            var usage = implementation.Attempts.Aggregate(TokenUsage.Zero, (sum, a) => sum + a.Usage);
            AsiArchMetrics.Tokens.Add(usage.TotalTokens, new KeyValuePair<string, object?>("role", "engineer"));
            var implemented = record with
            {
                Program = implementation.FinalSource.Code,
                Attempts = [.. record.Attempts, .. implementation.Attempts],
                Probes = implementation.Probes ?? record.Probes,
                Sandbox = implementation.Sandbox,
                Costs = record.Costs.Add(usage),
            };
            if (!implementation.Succeeded)
            {
                await FailAsync(implemented, implementation.Failure ?? new ExperimentFailure(FailureKind.ContractViolation, "The engineer returned no artifact."), record).ConfigureAwait(false);
                return null;
            }

            artifact = implementation.Artifact!;
            implemented = implemented with
            {
                Status = record.Status == ExperimentStatus.Proposed ? ExperimentStatus.Implemented : record.Status,
                AdditionalProperties = RecordProperties.With(record.AdditionalProperties, RecordProperties.ArtifactEntries(artifact)),
            };
            record = await CommitAsync(record, implemented).ConfigureAwait(false);
        }

        if (record.Status == ExperimentStatus.Implemented)
        {
            if (record.Kind != ExperimentKind.Promotion && record.Probes?.Fingerprint is { } fingerprint)
            {
                long? earlier;
                lock (_fingerprintGate)
                {
                    earlier = _fingerprints.TryGetValue(fingerprint, out var e) && e != record.Index ? e : null;
                    if (earlier is null || record.Kind != ExperimentKind.Candidate)
                    {
                        _fingerprints.TryAdd(fingerprint, record.Index);
                        earlier = null;
                    }
                }

                if (earlier is { } dup)
                {
                    await FailAsync(record, new ExperimentFailure(FailureKind.Duplicate, $"Same structural fingerprint as experiment {dup}: functionally identical to an earlier design.")).ConfigureAwait(false);
                    return null;
                }
            }

            record = await CommitAsync(record, record with { Status = ExperimentStatus.Validated }).ConfigureAwait(false);
            Emit(new ExperimentImplementedEvent { Experiment = record });
        }

        return (record, artifact);
    }

    /// <summary>Validated → Training (committed), then trains in a slot; the result is committed while still Training.</summary>
    private async Task<ExperimentRecord> TrainAsync(ExperimentRecord record, CandidateArtifact artifact, TrainingProfile profile)
    {
        if (record.Status == ExperimentStatus.Training && record.Result is not null)
        {
            return record;
        }

        await _slotGate.WaitAsync(_abort).ConfigureAwait(false);
        try
        {
            if (record.Status == ExperimentStatus.Validated)
            {
                record = await CommitAsync(record, record with { Status = ExperimentStatus.Training }).ConfigureAwait(false);
            }

            var index = record.Index;
            var progress = new EventProgress(p => Emit(new TrainingProgressEvent { ExperimentIndex = index, Progress = p }));
            var started = _loop.Time.GetTimestamp();
            EvaluationResult evaluation;
            using (StartSpan("asiarch.engineer.evaluate", record))
            {
                evaluation = await _loop.Engineer.EvaluateAsync(
                    new EvaluationRequest
                    {
                        Proposal = RecordProperties.ToProposal(record),
                        Artifact = artifact,
                        Profile = profile,
                        Seed = record.Seed,
                        ExperimentIndex = record.Index,
                        Threads = _slots.ThreadsPerSlot,
                    },
                    progress,
                    _abort).ConfigureAwait(false);
            }

            var elapsed = _loop.Time.GetElapsedTime(started);
            AsiArchMetrics.TrainingSeconds.Add(elapsed.TotalSeconds);
            var usage = evaluation.Attempts.Aggregate(TokenUsage.Zero, (sum, a) => sum + a.Usage);
            var trained = record with
            {
                Program = evaluation.FinalArtifact.Source.Code,
                Attempts = [.. record.Attempts, .. evaluation.Attempts],
                Costs = record.Costs.AddCompute(elapsed).Add(usage),
                Sandbox = evaluation.Training?.Sandbox ?? record.Sandbox,
                Result = evaluation.Training,
                AdditionalProperties = ReferenceEquals(evaluation.FinalArtifact, artifact)
                    ? record.AdditionalProperties
                    : RecordProperties.With(record.AdditionalProperties, RecordProperties.ArtifactEntries(evaluation.FinalArtifact)),
            };
            if (!evaluation.Succeeded)
            {
                return await FailAsync(
                    trained with { Result = null },
                    evaluation.Failure ?? evaluation.Training?.Failure ?? new ExperimentFailure(FailureKind.RuntimeError, "Training returned no result."),
                    record).ConfigureAwait(false);
            }

            return await CommitAsync(record, trained).ConfigureAwait(false);
        }
        finally
        {
            _slotGate.Release();
        }
    }

    /// <summary>Training (with result) → judge (committed) → Evaluated (fitness) → Analyzed → Done; non-candidates skip the analysis.</summary>
    private async Task<ExperimentRecord> FinishAfterTrainingAsync(ExperimentRecord record, TrainingProfile profile)
    {
        if (record.Status == ExperimentStatus.Training)
        {
            record = await ScoreAsync(record, profile).ConfigureAwait(false);
            if (record.Status == ExperimentStatus.Failed)
            {
                return record;
            }
        }

        if (record.Status == ExperimentStatus.Evaluated && record.Kind == ExperimentKind.Candidate)
        {
            record = await AnalyzeAsync(record, profile).ConfigureAwait(false);
        }

        if (record.Status is ExperimentStatus.Evaluated or ExperimentStatus.Analyzed)
        {
            if (_loop.Cognition is { } cognition && record.Analysis is { } analysis)
            {
                // Insights carry stable ids, so re-adding them after a crash replaces rather than duplicates.
                foreach (var insight in analysis.Insights)
                {
                    await cognition.AddAsync(insight with { ExperimentIndex = record.Index }, _abort).ConfigureAwait(false);
                }
            }

            record = await CommitAsync(record, record with { Status = ExperimentStatus.Done }).ConfigureAwait(false);
            Emit(new ExperimentCompletedEvent { Experiment = record });
            AsiArchMetrics.Experiments.Add(1, new("status", "Done"), new("kind", record.Kind.ToString()));
            if (record.Kind == ExperimentKind.Candidate && record.ProfileName == Profile.Name)
            {
                await MaybeUpdatePoolAsync().ConfigureAwait(false);
            }
        }

        return record;
    }

    private async Task<ExperimentRecord> ScoreAsync(ExperimentRecord record, TrainingProfile profile)
    {
        if (_loop.Judge is { } judge && record.Judgement is null)
        {
            var neighbors = (await _store.SearchMotivationsAsync(record.Motivation, _options.NoveltyNeighbors + 1, _abort).ConfigureAwait(false))
                .Where(r => r.Index != record.Index).Take(_options.NoveltyNeighbors).ToList();
            QualityJudgement judgement;
            using (StartSpan("asiarch.judge.judge", record))
            {
                judgement = await judge.JudgeAsync(
                    new JudgeRequest { Experiment = record, Baselines = await CompletedReferencesAsync(profile, record.Seed).ConfigureAwait(false), Neighbors = neighbors },
                    _abort).ConfigureAwait(false);
            }

            AsiArchMetrics.Tokens.Add(judgement.Usage.TotalTokens, new KeyValuePair<string, object?>("role", "judge"));
            record = await CommitAsync(record, record with { Judgement = judgement, Costs = record.Costs.Add(judgement.Usage) }).ConfigureAwait(false);
        }

        var reference = await GetReferenceAsync(profile, record.Seed).ConfigureAwait(false);
        if (reference is null)
        {
            return await FailAsync(record, new ExperimentFailure(FailureKind.MissingMetric, $"No measured reference baseline '{ReferenceName}' on {profile.Name} with seed {record.Seed}.")).ConfigureAwait(false);
        }

        var fitness = await _loop.FitnessScorer.ScoreAsync(
            new FitnessRequest { Result = record.Result!, Profile = profile, Baseline = reference, Judgement = record.Judgement, Experiment = record },
            _abort).ConfigureAwait(false);
        if (!fitness.Succeeded)
        {
            return await FailAsync(record, fitness.Failure ?? new ExperimentFailure(FailureKind.MissingMetric, "The fitness scorer gave no score.")).ConfigureAwait(false);
        }

        record = await CommitAsync(record, record with { Status = ExperimentStatus.Evaluated, Fitness = fitness.Score }).ConfigureAwait(false);
        if (record.Kind == ExperimentKind.Candidate && record.ProfileName == Profile.Name)
        {
            Interlocked.Increment(ref _evaluatedCandidates);
        }

        Emit(new ExperimentEvaluatedEvent { Experiment = record });
        return record;
    }

    private async Task<ExperimentRecord> AnalyzeAsync(ExperimentRecord record, TrainingProfile profile)
    {
        var path = await _store.GetPathToRootAsync(record.Index, _abort).ConfigureAwait(false);
        var siblings = (await _store.GetSiblingsAsync(record.Index, _abort).ConfigureAwait(false))
            .Where(s => s.Fitness is not null)
            .OrderByDescending(s => s.Fitness!.Total)
            .Take(2)
            .ToList();
        var baselines = await CompletedReferencesAsync(profile, record.Seed).ConfigureAwait(false);
        IReadOnlyList<CognitionHit> hits = [];
        if (_loop.Cognition is { } cognition && _options.CognitionHits > 0 && !string.IsNullOrWhiteSpace(record.Motivation))
        {
            hits = await cognition.SearchAsync(record.Motivation, _options.CognitionHits, _abort).ConfigureAwait(false);
        }

        AnalysisReport report;
        using (StartSpan("asiarch.analyst.analyze", record))
        {
            report = await _loop.Analyst.AnalyzeAsync(
                new AnalysisRequest
                {
                    Experiment = record,
                    Parent = path.Count > 1 ? path[1] : null,
                    Grandparent = path.Count > 2 ? path[2] : null,
                    Siblings = siblings,
                    Baselines = baselines,
                    Cognition = hits,
                },
                _abort).ConfigureAwait(false);
        }

        AsiArchMetrics.Tokens.Add(report.Usage.TotalTokens, new KeyValuePair<string, object?>("role", "analyst"));
        record = await CommitAsync(record, record with { Status = ExperimentStatus.Analyzed, Analysis = report, Cognition = hits, Costs = record.Costs.Add(report.Usage) }).ConfigureAwait(false);
        Emit(new ExperimentAnalyzedEvent { Experiment = record });
        return record;
    }

    private async Task<ExperimentRecord> CommitAsync(ExperimentRecord before, ExperimentRecord after)
    {
        // Commits ignore cancellation: a transition is either fully written or not at all.
        var stored = await _store.UpdateAsync(after, CancellationToken.None).ConfigureAwait(false);
        _budget.Add(before.Costs, stored.Costs);
        if (_coordination is not null && ExperimentLifecycle.IsTerminal(stored.Status))
        {
            await _coordination.ReleaseLeaseAsync(stored.Index, _owner, CancellationToken.None).ConfigureAwait(false);
            Released(stored.Index);
        }
        if (stored.Status != before.Status)
        {
            DiscoveryLog.StateChanged(Logger, stored.Index, stored.Name, stored.Status);
        }

        return stored;
    }

    private async Task<ExperimentRecord> FailAsync(ExperimentRecord record, ExperimentFailure failure, ExperimentRecord? before = null)
    {
        var failed = await CommitAsync(before ?? record, record with { Status = ExperimentStatus.Failed, Failure = failure }).ConfigureAwait(false);
        DiscoveryLog.ExperimentFailed(Logger, failed.Index, failed.Name, failure.Kind, failure.Message);
        AsiArchMetrics.Experiments.Add(1, new("status", "Failed"), new("kind", failed.Kind.ToString()));
        AsiArchMetrics.Failures.Add(1, new KeyValuePair<string, object?>("failure.kind", failure.Kind.ToString()));
        Emit(new ExperimentFailedEvent { Experiment = failed });
        return failed;
    }

    /// <summary>Reports training progress straight into the event stream (no synchronisation context hop).</summary>
    private sealed class EventProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
