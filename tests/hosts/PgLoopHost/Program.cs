// Runs the discovery loop with fake roles on a PostgreSQL store, for the multi-process tests.
//
//   PgLoopHost <connection-string> <schema> <budget> <lease-ms> <trainer-delay-ms> <ledger-file> [kill-at-training]
//
// Two training slots. Every training appends "train <pid> <class>" to the ledger; with kill-at-training = N the process
// dies at once (no clean-up, as SIGKILL) in the middle of its N-th training, leaving that experiment Training and leased.
// Exit code 0 and "DONE" when the run finished, 2 on bad arguments.
using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.PostgreSql;
using AsiArch.Sdk.PostgreSql.Tests.Hosts;
using AsiArch.Sdk.Testing.Fakes;

if (args.Length < 6 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var budget)
    || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var leaseMs)
    || !int.TryParse(args[4], CultureInfo.InvariantCulture, out var delayMs))
{
    Console.Error.WriteLine("usage: PgLoopHost <connection-string> <schema> <budget> <lease-ms> <trainer-delay-ms> <ledger-file> [kill-at-training]");
    return 2;
}

var killAt = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 0;
await using var store = await PostgreSqlExperimentStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = args[0], Schema = args[1] });
await using var cognition = await PostgreSqlCognitionStore.OpenAsync(new PostgreSqlStoreOptions { ConnectionString = args[0], Schema = args[1] });

var researcher = new FakeResearcher
{
    ProposeCallback = (context, _) =>
    {
        var round = context.AdditionalProperties!["discovery.round"];
        var attempt = context.AdditionalProperties!["discovery.attempt"];
        var key = $"r{round}a{attempt}";
        return Task.FromResult(new Proposal
        {
            Name = $"cand_{key}",
            Motivation = $"Candidate of round {round} attempt {attempt} changes the gate of {context.Parent?.Name}.",
            Source = new CandidateSource($"class Cand{key} {{ int parent = {context.Parent?.Index ?? 0}; }}"),
            Usage = new TokenUsage { InputTokens = 10, OutputTokens = 5 },
        });
    },
    NoveltyCallback = (_, _, _) => Task.FromResult(NoveltyVerdict.Novel()),
};
var trainer = new LedgerTrainer(new FakeTrainer { Delay = TimeSpan.FromMilliseconds(delayMs) }, args[5], killAt);
var analyst = new FakeAnalyst
{
    AnalyzeCallback = (request, _) => Task.FromResult(new AnalysisReport
    {
        DesignEvaluation = "d",
        ResultsAnalysis = $"analysis of {request.Experiment.Name}",
        ExpectationVsReality = "e",
        TheoreticalExplanation = "t",
        SynthesisAndInsights = "s",
        Insights = [new CognitionEntry { Id = $"insight-{request.Experiment.Name}", TriggerPatterns = $"gate change of {request.Experiment.Name}", Kind = CognitionKind.ExperimentDerived }],
    }),
};
var catalog = new SeedCatalog(
[
    new SeedArchitecture("DeltaNet", "class DeltaNet { int delta; }", "The delta rule seed."),
    new SeedArchitecture("RetNet", "class RetNet { int decay; }", "Retention baseline."),
]);
var loop = new DiscoveryLoop(
    researcher,
    new FakeEngineer(trainer),
    analyst,
    store,
    new AsiArchFitnessScorer(),
    catalog,
    new DiscoveryOptions
    {
        TrainingSlots = 2,
        ThreadsPerSlot = 1,
        PromotionTopK = 0,
        Baselines = [],
        ColdStart = 2,
        PoolUpdateInterval = 2,
        ScaleScheduleToBudget = false,
        LeaseDuration = TimeSpan.FromMilliseconds(leaseMs),
    },
    new FakeQualityJudge(),
    cognition);
await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 11, MaxExperiments = budget }))
{
}

Console.WriteLine("DONE");
return 0;
