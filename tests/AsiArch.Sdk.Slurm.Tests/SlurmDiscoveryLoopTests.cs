using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Slurm.Tests.Cluster;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Slurm.Tests;

public sealed class SlurmDiscoveryLoopTests
{
    private static readonly SeedCatalog Catalog = new(
    [
        new SeedArchitecture("DeltaNet", "// DeltaNet\npublic sealed class DeltaNet { int delta; }", "The delta rule seed."),
        new SeedArchitecture("RetNet", "// RetNet\npublic sealed class RetNet { int decay; }", "Retention baseline."),
    ]);

    [SlurmFact]
    public async Task RunAsync_TrainingOnSlurm_EveryExperimentEndsTerminalExactlyOnce()
    {
        await TestCluster.EnsureStartedAsync();
        var options = TestCluster.FakeOptions("ok", seconds: 1);
        await using var trainer = new SlurmTrainer(options);
        var store = new InMemoryExperimentStore();
        var loop = new DiscoveryLoop(
            new FakeResearcher(),
            new FakeEngineer(trainer),
            new FakeAnalyst(),
            store,
            new AsiArchFitnessScorer(new FitnessOptions()),
            Catalog,
            new DiscoveryOptions { TrainingSlots = 2, PromotionTopK = 0 },
            new FakeQualityJudge(),
            new FakeCognitionStore());
        var events = new List<DiscoveryEvent>();

        await foreach (var e in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 3, MaxExperiments = 4 }))
        {
            events.Add(e);
        }

        var all = await store.QueryAsync(new ExperimentQuery());
        Assert.Equal(6, all.Count); // seed + baseline + 4 candidates
        Assert.All(all, r => Assert.True(ExperimentLifecycle.IsTerminal(r.Status), $"{r.Name} ended {r.Status}"));
        Assert.All(all, r => Assert.True(r.Status == ExperimentStatus.Done, $"{r.Name} ended {r.Status}: {r.Failure}"));
        var terminalEvents = events
            .Select(e => e switch
            {
                ExperimentCompletedEvent c => c.Experiment.Index,
                ExperimentFailedEvent f => f.Experiment.Index,
                _ => (long?)null,
            })
            .OfType<long>()
            .ToList();
        var candidates = all.Where(r => r.Kind == ExperimentKind.Candidate).Select(r => r.Index).ToList();
        Assert.Equal(candidates.Order(), terminalEvents.Where(candidates.Contains).Order());
        Assert.Equal(terminalEvents.Count, terminalEvents.Distinct().Count());

        // Every training ran as a Slurm job of its own and read its result from the shared directory.
        var jobIds = all.Select(r => r.Result?.AdditionalProperties?[SlurmResultProperties.JobId] as string).ToList();
        Assert.All(jobIds, id => Assert.Matches("^[0-9]+_[0-9]+$", id!));
        Assert.Equal(all.Count, jobIds.Distinct().Count());
        Assert.All(all, r => Assert.Equal(FakeTrainerLoss(r), r.Result!.GetTask("lm")!.ValidationLoss!.Value, 9));
        Assert.Equal(0, trainer.ActiveJobs);
    }

    private static double FakeTrainerLoss(ExperimentRecord record)
    {
        var bytes = FakeEngineer.CreateArtifact(new CandidateSource(record.Program)).Assembly;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return 2.0 + (Convert.ToInt32(hash[..6], 16) % 1000 / 1000.0);
    }
}
