// Runs the discovery loop with fake roles on a SQLite store, for the crash tests.
//
//   LoopCrashHost <db> <calls-file> <budget> [kill-after-commits] [trainer-delay-ms]
//
// Every paid model call appends "paid <role> <key>" to the calls file (after the call is recorded in the store's
// interaction log, as the LLM agents do); a replayed call appends "replay <role> <key>". With kill-after-commits = K
// the process sends itself SIGKILL right after its K-th experiment commit (create or update). Exit code 0 when the run
// finished, 2 on bad arguments.
using System.Globalization;
using AsiArch.Sdk;
using AsiArch.Sdk.Discovery;
using AsiArch.Sdk.Fitness;
using AsiArch.Sdk.Storage.Sqlite;
using AsiArch.Sdk.Testing.Fakes;
using AsiArch.Sdk.Tests.Hosts;

if (args.Length < 3 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var budget))
{
    Console.Error.WriteLine("usage: LoopCrashHost <db> <calls-file> <budget> [kill-after-commits] [trainer-delay-ms]");
    return 2;
}

var killAfter = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
var delay = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 0;
using var sqlite = await SqliteExperimentStore.OpenAsync(args[0]);
var store = new KillingStore(sqlite, killAfter);
var calls = new CallLedger(store, args[1]);

var researcher = new FakeResearcher
{
    ProposeCallback = async (context, ct) =>
    {
        var round = context.AdditionalProperties!["discovery.round"];
        var attempt = context.AdditionalProperties!["discovery.attempt"];
        var key = $"r{round}a{attempt}";
        await calls.PayAsync("propose", key, ct);
        return new Proposal
        {
            Name = $"cand_{key}",
            Motivation = $"Candidate of round {round} attempt {attempt} changes the gate of {context.Parent?.Name}.",
            Source = new CandidateSource($"class Cand{key} {{ int parent = {context.Parent?.Index ?? 0}; }}"),
            Usage = new TokenUsage { InputTokens = 10, OutputTokens = 5 },
        };
    },
    NoveltyCallback = async (proposal, _, ct) =>
    {
        await calls.PayAsync("novelty", proposal.Name, ct);

        // Round 2's first attempt is judged a duplicate, so re-plans are crashed too.
        return proposal.Name.EndsWith("a0", StringComparison.Ordinal) && proposal.Name.Contains("r2", StringComparison.Ordinal)
            ? new NoveltyVerdict { IsDuplicate = true, Reason = "repeats an earlier idea" }
            : NoveltyVerdict.Novel();
    },
};
var trainer = new FakeTrainer { Delay = TimeSpan.FromMilliseconds(delay) };
var analyst = new FakeAnalyst();
analyst.AnalyzeCallback = async (request, ct) =>
{
    await calls.PayAsync("analyze", request.Experiment.Name, ct);
    return new AnalysisReport
    {
        DesignEvaluation = "d",
        ResultsAnalysis = $"analysis of {request.Experiment.Name}",
        ExpectationVsReality = "e",
        TheoreticalExplanation = "t",
        SynthesisAndInsights = "s",
    };
};
var judge = new FakeQualityJudge
{
    JudgeCallback = async (request, ct) =>
    {
        await calls.PayAsync("judge", request.Experiment.Name, ct);
        return new QualityJudgement { Performance = 6, Innovation = 6, Complexity = 6 };
    },
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
    new DiscoveryOptions { TrainingSlots = 2, ThreadsPerSlot = 1, PromotionTopK = 0, MaxReplans = 2, Baselines = [] },
    judge);
await foreach (var _ in loop.RunAsync(new DiscoveryRequest { Profile = TrainingProfiles.Smoke, Seed = 11, MaxExperiments = budget }))
{
}

Console.WriteLine("DONE");
return 0;
