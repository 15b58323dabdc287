using System.Diagnostics;
using System.Globalization;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Discovery.Events;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Benchmarks.Discovery;

/// <summary>
/// Scale by simulation: the discovery loop with fake roles, an in-memory store and a fake trainer that sleeps. Reports
/// the throughput of N training slots against N x the one-slot throughput (same run), and the per-experiment
/// orchestration overhead with a trainer that returns at once.
/// </summary>
internal sealed class LoopScalingBenchmark : IMacroBenchmark
{
    public string Name => "loop-scaling";

    public string Description => "Discovery loop throughput with N slots (fake trainer sleeping) and per-experiment overhead.";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var delayMs = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var perSlot = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var delay = TimeSpan.FromMilliseconds(delayMs);
        output.WriteLine($"Fake trainer sleeps {delayMs} ms; {perSlot} candidates per slot; in-memory store; {Environment.ProcessorCount} cores.");
        output.WriteLine();
        output.WriteLine("| slots | candidates | wall (s) | candidates/s | ideal candidates/s | of ideal | vs N x 1 slot |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        // Warm-up (JIT, first store and channel use) so the one-slot reference is not charged for it.
        await MeasureAsync(2, 8, TimeSpan.FromMilliseconds(10), cancellationToken);
        double? single = null;
        foreach (var slots in new[] { 1, 2, 4, 8, 16 })
        {
            var count = slots * perSlot;
            var (seconds, done) = await MeasureAsync(slots, count, delay, cancellationToken);
            var throughput = done / seconds;
            single ??= throughput;
            var ratio = throughput / (slots * single.Value);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {slots} | {done} | {seconds:0.00} | {throughput:0.00} | {slots / delay.TotalSeconds:0.00} | {throughput * delay.TotalSeconds / slots:0.000} | {ratio:0.000} |"));
        }

        output.WriteLine();
        var (overheadSeconds, overheadDone) = await MeasureAsync(1, 300, TimeSpan.Zero, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Orchestration overhead (trainer returns at once, 1 slot, {overheadDone} candidates): {overheadSeconds * 1000 / overheadDone:0.00} ms per experiment (propose, novelty, implement, 10 commits, judge, fitness, analysis, pool update)."));
    }

    /// <summary>Seconds from the first candidate proposal to the end of the run, and candidates that reached Done.</summary>
    private static async Task<(double Seconds, int Done)> MeasureAsync(int slots, int count, TimeSpan delay, CancellationToken cancellationToken)
    {
        var trainer = new FakeTrainer { Delay = delay, ProgressReports = 1 };
        var store = new InMemoryExperimentStore();
        var loop = new DiscoveryLoop(
            new FakeResearcher(),
            new FakeEngineer(trainer),
            new FakeAnalyst(),
            store,
            new AsiArchFitnessScorer(),
            new SeedCatalog([new SeedArchitecture("DeltaNet", "class DeltaNet { }", "seed")]),
            new DiscoveryOptions { TrainingSlots = slots, ThreadsPerSlot = 1, PromotionTopK = 0, Baselines = [] },
            new FakeQualityJudge());
        var watch = new Stopwatch();
        var done = 0;
        await foreach (var e in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, MaxExperiments = count }, cancellationToken))
        {
            if (e is ExperimentProposedEvent { Experiment.Kind: ExperimentKind.Candidate } && !watch.IsRunning)
            {
                watch.Start();
            }

            if (e is ExperimentCompletedEvent { Experiment.Kind: ExperimentKind.Candidate })
            {
                done++;
            }
        }

        watch.Stop();
        return (watch.Elapsed.TotalSeconds, done);
    }
}
