using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Discovery;

/// <summary>A discovery loop wired to fakes and an in-memory store.</summary>
internal sealed class LoopHarness
{
    public static readonly SeedCatalog Catalog = new(
    [
        new SeedArchitecture("DeltaNet", "// DeltaNet\npublic sealed class DeltaNet { int delta; }", "The delta rule seed."),
        new SeedArchitecture("RetNet", "// RetNet\npublic sealed class RetNet { int decay; }", "Retention baseline."),
        new SeedArchitecture("Softmax", "// Softmax\npublic sealed class Softmax { int attention; }", "Softmax attention baseline."),
    ]);

    public static readonly TrainingProfile Profile = TrainingProfiles.Smoke;

    public LoopHarness(DiscoveryOptions? options = null, IExperimentStore? store = null)
    {
        Trainer = new FakeTrainer();
        Engineer = new FakeEngineer(Trainer);
        Options = options ?? new DiscoveryOptions { TrainingSlots = 1, PromotionTopK = 0 };
        Store = store ?? new InMemoryExperimentStore();
    }

    public FakeResearcher Researcher { get; } = new();

    public FakeTrainer Trainer { get; }

    public FakeEngineer Engineer { get; }

    public FakeAnalyst Analyst { get; } = new();

    public FakeQualityJudge Judge { get; } = new();

    public FakeCognitionStore Cognition { get; } = new();

    public IExperimentStore Store { get; }

    public DiscoveryOptions Options { get; }

    public FitnessOptions FitnessOptions { get; set; } = new();

    public DiscoveryLoop CreateLoop() => new(
        Researcher, Engineer, Analyst, Store, new AsiArchFitnessScorer(FitnessOptions), Catalog, Options, Judge, Cognition,
        fitnessOptions: FitnessOptions);

    public async Task<List<DiscoveryEvent>> RunAsync(int maxExperiments, int seed = 7, CancellationToken stop = default, CancellationToken abort = default, Action<DiscoveryEvent>? onEvent = null, TrainingProfile? verification = null)
    {
        var events = new List<DiscoveryEvent>();
        var request = new DiscoveryRequest { Profile = Profile, Seed = seed, MaxExperiments = maxExperiments, VerificationProfile = verification };
        await foreach (var e in CreateLoop().RunAsync(request, stop, abort))
        {
            events.Add(e);
            onEvent?.Invoke(e);
        }

        return events;
    }

    public async Task<IReadOnlyList<ExperimentRecord>> AllAsync() => await Store.QueryAsync(new ExperimentQuery());

    public async Task<IReadOnlyList<ExperimentRecord>> CandidatesAsync() => await Store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Candidate] });
}
