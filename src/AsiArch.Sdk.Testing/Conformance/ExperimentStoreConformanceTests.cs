using Xunit;

namespace AsiArch.Sdk.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IExperimentStore"/> must show. Derive, implement <see cref="CreateStoreAsync"/> to
/// return a new, empty store per call, and xunit runs the whole suite against your implementation.
/// </summary>
public abstract class ExperimentStoreConformanceTests
{
    /// <summary>A new, empty store. Disposable stores are disposed after each test.</summary>
    protected abstract Task<IExperimentStore> CreateStoreAsync();

    /// <summary>The first experiment gets index 1 and the next ones count up.</summary>
    [Fact]
    public async Task CreateAsync_NewStore_AllocatesSequentialIndexesFromOne()
    {
        await using var lease = await LeaseAsync();
        var first = await lease.Store.CreateAsync(ExperimentSamples.Draft("a"));
        var second = await lease.Store.CreateAsync(ExperimentSamples.Draft("b"));
        var third = await lease.Store.CreateAsync(ExperimentSamples.Draft("c", parent: 1));

        Assert.Equal(new long[] { 1L, 2L, 3L }, new long[] { first.Index, second.Index, third.Index });
    }

    /// <summary>A created experiment is Proposed and carries every draft field.</summary>
    [Fact]
    public async Task CreateAsync_Draft_StoresEveryFieldAsProposed()
    {
        await using var lease = await LeaseAsync();
        var root = await lease.Store.CreateAsync(ExperimentSamples.Draft("root", kind: ExperimentKind.Seed));
        var draft = ExperimentSamples.Draft("child", parent: root.Index);

        var created = await lease.Store.CreateAsync(draft);
        var read = await lease.Store.GetAsync(created.Index);

        Assert.NotNull(read);
        Assert.Equal(ExperimentStatus.Proposed, read.Status);
        Assert.Equal(root.Index, read.Parent);
        Assert.Equal(draft.Name, read.Name);
        Assert.Equal(draft.Kind, read.Kind);
        Assert.Equal(draft.Motivation, read.Motivation);
        Assert.Equal(draft.Program, read.Program);
        Assert.Equal(draft.DesignSpec, read.DesignSpec);
        Assert.Equal(draft.ProfileName, read.ProfileName);
        Assert.Equal(draft.Seed, read.Seed);
        StructuralAssert.Equal(draft.Costs, read.Costs);
        StructuralAssert.Equal(draft.AdditionalProperties, read.AdditionalProperties);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        StructuralAssert.Equal(created, read);
    }

    /// <summary>A parent that does not exist is rejected.</summary>
    [Fact]
    public async Task CreateAsync_UnknownParent_ThrowsArgumentException()
    {
        await using var lease = await LeaseAsync();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => lease.Store.CreateAsync(ExperimentSamples.Draft("orphan", parent: 42)));
        Assert.Contains("42", error.Message, StringComparison.Ordinal);
        Assert.Null(await lease.Store.GetAsync(1));
    }

    /// <summary>An unknown index reads as null.</summary>
    [Fact]
    public async Task GetAsync_UnknownIndex_ReturnsNull()
    {
        await using var lease = await LeaseAsync();
        await lease.Store.CreateAsync(ExperimentSamples.Draft("a"));

        Assert.Null(await lease.Store.GetAsync(99));
    }

    /// <summary>Every field written by an update reads back equal (deep comparison).</summary>
    [Fact]
    public async Task UpdateAsync_EveryField_RoundTrips()
    {
        await using var lease = await LeaseAsync();
        var created = await lease.Store.CreateAsync(ExperimentSamples.Draft("full"));
        var record = ExperimentSamples.Filled(created) with { Status = ExperimentStatus.Implemented };

        var stored = await lease.Store.UpdateAsync(record);
        var read = await lease.Store.GetAsync(created.Index);

        Assert.NotNull(read);
        StructuralAssert.Equal(stored, read);
        StructuralAssert.Equal(record with { UpdatedAt = stored.UpdatedAt }, read);
        Assert.Equal(record.Fitness!.Total, read.Score);
    }

    /// <summary>An update keeps the creation time and sets a new update time from the store clock.</summary>
    [Fact]
    public async Task UpdateAsync_CreatedAtTampered_KeepsStoredCreatedAt()
    {
        await using var lease = await LeaseAsync();
        var created = await lease.Store.CreateAsync(ExperimentSamples.Draft("a"));

        var stored = await lease.Store.UpdateAsync(created with { Status = ExperimentStatus.Implemented, CreatedAt = DateTimeOffset.UnixEpoch });

        Assert.Equal(created.CreatedAt, stored.CreatedAt);
        Assert.True(stored.UpdatedAt >= created.CreatedAt);
        Assert.Equal(created.CreatedAt, (await lease.Store.GetAsync(created.Index))!.CreatedAt);
    }

    /// <summary>Updating an index that does not exist throws <see cref="KeyNotFoundException"/>.</summary>
    [Fact]
    public async Task UpdateAsync_UnknownIndex_ThrowsKeyNotFound()
    {
        await using var lease = await LeaseAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(
            () => lease.Store.UpdateAsync(new ExperimentRecord { Index = 5, Name = "ghost", Status = ExperimentStatus.Implemented }));
    }

    /// <summary>Done → Training is rejected with the indexes and states named, and nothing is written.</summary>
    [Fact]
    public async Task UpdateAsync_DoneToTraining_ThrowsAndWritesNothing()
    {
        await using var lease = await LeaseAsync();
        var record = await WalkToAsync(lease.Store, await lease.Store.CreateAsync(ExperimentSamples.Draft("a")), ExperimentStatus.Done);

        var error = await Assert.ThrowsAsync<InvalidStateTransitionException>(
            () => lease.Store.UpdateAsync(record with { Status = ExperimentStatus.Training, Log = "should not be stored" }));

        Assert.Equal(ExperimentStatus.Done, error.From);
        Assert.Equal(ExperimentStatus.Training, error.To);
        Assert.Equal(record.Index, error.Index);
        Assert.Contains("Done", error.Message, StringComparison.Ordinal);
        var read = await lease.Store.GetAsync(record.Index);
        Assert.Equal(ExperimentStatus.Done, read!.Status);
        Assert.Equal(record.Log, read.Log);
    }

    /// <summary>Skipping a step (Proposed → Training) is rejected.</summary>
    [Fact]
    public async Task UpdateAsync_SkippedStep_Throws()
    {
        await using var lease = await LeaseAsync();
        var created = await lease.Store.CreateAsync(ExperimentSamples.Draft("a"));

        await Assert.ThrowsAsync<InvalidStateTransitionException>(
            () => lease.Store.UpdateAsync(created with { Status = ExperimentStatus.Training }));
        Assert.Equal(ExperimentStatus.Proposed, (await lease.Store.GetAsync(created.Index))!.Status);
    }

    /// <summary>Every state walks forward to Done; Training may fall back to Validated; Evaluated may skip to Done.</summary>
    [Fact]
    public async Task UpdateAsync_AllowedTransitions_AreStored()
    {
        await using var lease = await LeaseAsync();
        var record = await WalkToAsync(lease.Store, await lease.Store.CreateAsync(ExperimentSamples.Draft("a")), ExperimentStatus.Training);
        record = await lease.Store.UpdateAsync(record with { Status = ExperimentStatus.Validated });
        record = await WalkToAsync(lease.Store, record, ExperimentStatus.Evaluated);
        record = await lease.Store.UpdateAsync(record with { Status = ExperimentStatus.Done });

        Assert.Equal(ExperimentStatus.Done, (await lease.Store.GetAsync(record.Index))!.Status);
    }

    /// <summary>A failure is stored with its kind, message and diagnostics, and Failed is terminal.</summary>
    [Fact]
    public async Task UpdateAsync_Failed_StoresFailureAndIsTerminal()
    {
        await using var lease = await LeaseAsync();
        var created = await lease.Store.CreateAsync(ExperimentSamples.Draft("a"));
        var failure = new ExperimentFailure(FailureKind.NotCausal, "Output at t=3 depends on t=5.", ["leak 0.25"]);

        var failed = await lease.Store.UpdateAsync(created with { Status = ExperimentStatus.Failed, Failure = failure });

        StructuralAssert.Equal(failure, (await lease.Store.GetAsync(created.Index))!.Failure);
        await Assert.ThrowsAsync<InvalidStateTransitionException>(() => lease.Store.UpdateAsync(failed with { Status = ExperimentStatus.Proposed }));
    }

    /// <summary>Children, path to root and siblings follow the parent links.</summary>
    [Fact]
    public async Task Lineage_Tree_ChildrenPathAndSiblings()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await s.CreateAsync(ExperimentSamples.Draft("root", kind: ExperimentKind.Seed)); // 1
        await s.CreateAsync(ExperimentSamples.Draft("a", parent: 1));                     // 2
        await s.CreateAsync(ExperimentSamples.Draft("b", parent: 1));                     // 3
        await s.CreateAsync(ExperimentSamples.Draft("c", parent: 1));                     // 4
        await s.CreateAsync(ExperimentSamples.Draft("b1", parent: 3));                    // 5
        await s.CreateAsync(ExperimentSamples.Draft("b1x", parent: 5));                   // 6

        Assert.Equal(new long[] { 2L, 3L, 4L }, Indexes(await s.GetChildrenAsync(1)));
        Assert.Empty(await s.GetChildrenAsync(6));
        Assert.Equal(new long[] { 6L, 5L, 3L, 1L }, Indexes(await s.GetPathToRootAsync(6)));
        Assert.Equal(new long[] { 1L }, Indexes(await s.GetPathToRootAsync(1)));
        Assert.Empty(await s.GetPathToRootAsync(99));
        Assert.Equal(new long[] { 2L, 4L }, Indexes(await s.GetSiblingsAsync(3)));
        Assert.Empty(await s.GetSiblingsAsync(6));
        Assert.Empty(await s.GetSiblingsAsync(1));
        Assert.Empty(await s.GetSiblingsAsync(99));
    }

    /// <summary>Ranks order scored candidates and seeds by fitness (ties by index); baselines and unscored ones are left out.</summary>
    [Fact]
    public async Task GetRankRangeAsync_ScoredPopulation_ReturnsRanksBestFirst()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await ScoredAsync(s, "seed", 1.6, ExperimentKind.Seed);       // 1
        await ScoredAsync(s, "good", 2.4);                            // 2
        await ScoredAsync(s, "bad", 0.7);                             // 3
        await ScoredAsync(s, "baseline", 2.9, ExperimentKind.Baseline); // 4
        await s.CreateAsync(ExperimentSamples.Draft("unscored"));     // 5
        await ScoredAsync(s, "tie", 2.4);                             // 6

        Assert.Equal(new long[] { 2L, 6L, 1L, 3L }, Indexes(await s.GetRankRangeAsync(1, 10)));
        Assert.Equal(new long[] { 6L, 1L }, Indexes(await s.GetRankRangeAsync(2, 3)));
        Assert.Equal(new long[] { 3L }, Indexes(await s.GetRankRangeAsync(4, 4)));
        Assert.Empty(await s.GetRankRangeAsync(11, 50));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.GetRankRangeAsync(0, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.GetRankRangeAsync(5, 4));
    }

    /// <summary>Status, kind, profile and scored filters combine; order, skip and take apply.</summary>
    [Fact]
    public async Task QueryAsync_Filters_AndOrders()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await ScoredAsync(s, "seed", 1.6, ExperimentKind.Seed);                                          // 1 Evaluated
        await ScoredAsync(s, "good", 2.4);                                                               // 2 Evaluated
        var failed = await s.CreateAsync(ExperimentSamples.Draft("failed"));                             // 3
        await s.UpdateAsync(failed with { Status = ExperimentStatus.Failed, Failure = new ExperimentFailure(FailureKind.CompileError, "nope") });
        await s.CreateAsync(ExperimentSamples.Draft("baseline", kind: ExperimentKind.Baseline) with { ProfileName = "Explore" }); // 4

        Assert.Equal(new long[] { 1L, 2L, 3L, 4L }, Indexes(await s.QueryAsync(new ExperimentQuery())));
        Assert.Equal(new long[] { 4L, 3L, 2L, 1L }, Indexes(await s.QueryAsync(new ExperimentQuery { OrderBy = ExperimentOrder.IndexDescending })));
        Assert.Equal(new long[] { 2L, 1L, 3L, 4L }, Indexes(await s.QueryAsync(new ExperimentQuery { OrderBy = ExperimentOrder.FitnessDescending })));
        Assert.Equal(new long[] { 3L }, Indexes(await s.QueryAsync(new ExperimentQuery { Statuses = [ExperimentStatus.Failed] })));
        Assert.Equal(new long[] { 1L, 2L, 4L }, Indexes(await s.QueryAsync(new ExperimentQuery { Statuses = [ExperimentStatus.Evaluated, ExperimentStatus.Proposed] })));
        Assert.Equal(new long[] { 1L, 4L }, Indexes(await s.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Seed, ExperimentKind.Baseline] })));
        Assert.Equal(new long[] { 4L }, Indexes(await s.QueryAsync(new ExperimentQuery { ProfileName = "Explore" })));
        Assert.Equal(new long[] { 1L, 2L }, Indexes(await s.QueryAsync(new ExperimentQuery { ScoredOnly = true })));
        Assert.Equal(new long[] { 2L }, Indexes(await s.QueryAsync(new ExperimentQuery { ScoredOnly = true, Kinds = [ExperimentKind.Candidate], ProfileName = "Smoke" })));
        Assert.Equal(new long[] { 2L, 3L }, Indexes(await s.QueryAsync(new ExperimentQuery { Skip = 1, Take = 2 })));
        Assert.Empty(await s.QueryAsync(new ExperimentQuery { Take = 0 }));
        Assert.Empty(await s.QueryAsync(new ExperimentQuery { Skip = 10 }));
    }

    /// <summary>Counts cover every status, zero included.</summary>
    [Fact]
    public async Task CountByStatusAsync_MixedStatuses_CountsEach()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await s.CreateAsync(ExperimentSamples.Draft("a"));
        var b = await s.CreateAsync(ExperimentSamples.Draft("b"));
        await s.CreateAsync(ExperimentSamples.Draft("c"));
        await s.UpdateAsync(b with { Status = ExperimentStatus.Implemented });

        var counts = await s.CountByStatusAsync();

        Assert.Equal(2, counts[ExperimentStatus.Proposed]);
        Assert.Equal(1, counts[ExperimentStatus.Implemented]);
        Assert.Equal(0, counts.GetValueOrDefault(ExperimentStatus.Done));
        Assert.Equal(3, counts.Values.Sum());
    }

    /// <summary>The motivation that shares the most words with the query comes first; the count limits the result.</summary>
    [Fact]
    public async Task SearchMotivationsAsync_RelevantText_RanksBestMatchFirst()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await s.CreateAsync(ExperimentSamples.Draft("conv", motivation: "A short causal convolution before the mixer sharpens local patterns."));
        await s.CreateAsync(ExperimentSamples.Draft("gate", motivation: "A gated delta rule with per-head decay forgets stale associations and keeps recall."));
        await s.CreateAsync(ExperimentSamples.Draft("norm", motivation: "RMS normalisation of the output stabilises training."));
        await s.CreateAsync(ExperimentSamples.Draft("delta", motivation: "The delta rule overwrites memory slots."));

        var hits = await s.SearchMotivationsAsync("gated delta rule decay", 5);
        Assert.Equal(["gate", "delta"], hits.Select(h => h.Name).ToArray());

        var limited = await s.SearchMotivationsAsync("the delta rule mixer training", 2);
        Assert.Equal(2, limited.Count);

        Assert.Empty(await s.SearchMotivationsAsync("quantum chromodynamics", 5));
        Assert.Empty(await s.SearchMotivationsAsync("", 5));
    }

    /// <summary>Punctuation, quotes and FTS operators in the query never throw.</summary>
    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("delta AND OR NOT (")]
    [InlineData("NEAR(delta rule, 3) *prefix* ^start")]
    [InlineData("col:motivation - + {} [] ; -- ' DROP TABLE experiments;")]
    [InlineData("...!!!???")]
    [InlineData("δ-rule über ünïcödé 注意力")]
    public async Task SearchMotivationsAsync_HostileText_DoesNotThrow(string text)
    {
        await using var lease = await LeaseAsync();
        await lease.Store.CreateAsync(ExperimentSamples.Draft("delta", motivation: "The delta rule with über gating."));

        var hits = await lease.Store.SearchMotivationsAsync(text, 3);

        Assert.True(hits.Count <= 1);
        Assert.NotNull(await lease.Store.GetAsync(1));
    }

    /// <summary>The pool starts empty, is replaced as a whole and keeps its order.</summary>
    [Fact]
    public async Task SetPoolAsync_Replace_KeepsOrder()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        for (var i = 0; i < 4; i++)
        {
            await s.CreateAsync(ExperimentSamples.Draft($"e{i}"));
        }

        Assert.Empty(await s.GetPoolAsync());
        await s.SetPoolAsync([3, 1, 2]);
        Assert.Equal(new long[] { 3L, 1L, 2L }, await s.GetPoolAsync());
        await s.SetPoolAsync([4, 2]);
        Assert.Equal(new long[] { 4L, 2L }, await s.GetPoolAsync());
        await s.SetPoolAsync([]);
        Assert.Empty(await s.GetPoolAsync());
    }

    /// <summary>A pool with a duplicate or an unknown index is rejected and the old pool kept.</summary>
    [Fact]
    public async Task SetPoolAsync_InvalidIndexes_ThrowsAndKeepsPool()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        await s.CreateAsync(ExperimentSamples.Draft("a"));
        await s.CreateAsync(ExperimentSamples.Draft("b"));
        await s.SetPoolAsync([2, 1]);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => s.SetPoolAsync([1, 1]));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => s.SetPoolAsync([1, 77]));
        Assert.Equal(new long[] { 2L, 1L }, await s.GetPoolAsync());
    }

    /// <summary>Interactions are kept per experiment and run, oldest first, and found by request hash.</summary>
    [Fact]
    public async Task Interactions_AppendGetFind_RoundTrip()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;
        var e = await s.CreateAsync(ExperimentSamples.Draft("a"));
        var plan = Interaction(e.Index, "plan", "h1");
        var repair = Interaction(e.Index, "repair-1", "h2") with { Usage = new TokenUsage { InputTokens = 9, OutputTokens = 1, Cost = 0.125m } };
        var run = Interaction(null, "summary", "h3");
        await s.AppendInteractionAsync(plan);
        await s.AppendInteractionAsync(run);
        await s.AppendInteractionAsync(repair);

        var ofExperiment = await s.GetInteractionsAsync(e.Index);
        Assert.Equal(["plan", "repair-1"], ofExperiment.Select(i => i.Step).ToArray());
        StructuralAssert.Equal(repair, ofExperiment[1]);
        Assert.Equal(["summary"], (await s.GetInteractionsAsync(null)).Select(i => i.Step).ToArray());
        StructuralAssert.Equal(repair, await s.FindInteractionAsync("h2"));
        Assert.Null(await s.FindInteractionAsync("missing"));
        Assert.Empty(await s.GetInteractionsAsync(99));
    }

    /// <summary>An interaction without a time gets the store clock's time.</summary>
    [Fact]
    public async Task AppendInteractionAsync_NoTime_GetsStoreTime()
    {
        await using var lease = await LeaseAsync();
        await lease.Store.AppendInteractionAsync(Interaction(null, "plan", "h1") with { CreatedAt = default });

        var read = await lease.Store.FindInteractionAsync("h1");

        Assert.NotEqual(default, read!.CreatedAt);
    }

    /// <summary>Run values are set, replaced and removed with null.</summary>
    [Fact]
    public async Task RunValues_SetReplaceRemove()
    {
        await using var lease = await LeaseAsync();
        var s = lease.Store;

        Assert.Null(await s.GetRunValueAsync("stopReason"));
        await s.SetRunValueAsync("stopReason", "budget");
        await s.SetRunValueAsync("other", "x");
        Assert.Equal("budget", await s.GetRunValueAsync("stopReason"));
        await s.SetRunValueAsync("stopReason", "done");
        Assert.Equal("done", await s.GetRunValueAsync("stopReason"));
        await s.SetRunValueAsync("stopReason", null);
        Assert.Null(await s.GetRunValueAsync("stopReason"));
        Assert.Equal("x", await s.GetRunValueAsync("other"));
    }

    /// <summary>Concurrent creates in one process get distinct, gap-free indexes and all are stored.</summary>
    [Fact]
    public async Task CreateAsync_Concurrent_AllocatesDistinctContiguousIndexes()
    {
        await using var lease = await LeaseAsync();
        const int count = 40;

        var created = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => Task.Run(() => lease.Store.CreateAsync(ExperimentSamples.Draft($"c{i}")))));

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), created.Select(r => r.Index).Order());
        var all = await lease.Store.QueryAsync(new ExperimentQuery());
        Assert.Equal(count, all.Count);
        foreach (var record in created)
        {
            Assert.Equal(record.Name, all.Single(r => r.Index == record.Index).Name);
        }
    }

    /// <summary>Moves <paramref name="record"/> forward one step at a time until <paramref name="target"/>.</summary>
    protected static async Task<ExperimentRecord> WalkToAsync(IExperimentStore store, ExperimentRecord record, ExperimentStatus target)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(record);
        while (record.Status != target)
        {
            record = await store.UpdateAsync(record with { Status = record.Status + 1, Log = $"reached {record.Status + 1}" });
        }

        return record;
    }

    private async Task<StoreLease> LeaseAsync() => new(await CreateStoreAsync());

    private static async Task<ExperimentRecord> ScoredAsync(IExperimentStore store, string name, double score, ExperimentKind kind = ExperimentKind.Candidate)
    {
        var created = await store.CreateAsync(ExperimentSamples.Draft(name, kind: kind));
        var evaluated = await WalkToAsync(store, created, ExperimentStatus.Evaluated);
        return await store.UpdateAsync(evaluated with { Fitness = ExperimentSamples.Fitness(score) });
    }

    private static ModelInteraction Interaction(long? experiment, string step, string hash) => new()
    {
        ExperimentIndex = experiment,
        Role = "researcher",
        Step = step,
        RequestHash = hash,
        Request = "[{\"role\":\"user\",\"content\":\"propose\"}]",
        Response = $"response to {step}",
        Model = "gpt-test",
        Usage = new TokenUsage { InputTokens = 12, OutputTokens = 34 },
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    private static long[] Indexes(IEnumerable<ExperimentRecord> records) => records.Select(r => r.Index).ToArray();

    private sealed class StoreLease(IExperimentStore store) : IAsyncDisposable
    {
        public IExperimentStore Store { get; } = store;

        public async ValueTask DisposeAsync()
        {
            switch (Store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
