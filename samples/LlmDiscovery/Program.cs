// LlmDiscovery: the ASI-ARCH researcher on a real model, chosen by configuration only.
//
//   export OPENAI_API_KEY=...            (or AZURE_OPENAI_API_KEY / ANTHROPIC_API_KEY; Ollama needs none)
//   dotnet run --project samples/LlmDiscovery -- --provider OpenAI      (OpenAI | AzureOpenAI | Ollama | Anthropic)
//
// It seeds a run database with a linear-attention layer, asks the LLM researcher for the next design (summarizer +
// planner), checks its novelty against the earlier motivations, stores the proposal and prints it with its cost.
// Every prompt and answer is persisted in the run database; with UseResponseCache a second run replays them free.
using AsiArch.Sdk;
using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Usage;
using AsiArch.Sdk.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var provider = args.SkipWhile(a => a != "--provider").Skip(1).FirstOrDefault();
var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json")
    .AddJsonFile($"appsettings.{provider ?? "none"}.json", optional: provider is null)
    .AddEnvironmentVariables()
    .Build();
if (!ProviderAsiArchBuilderExtensions.IsLlmConfigured(configuration))
{
    Console.Error.WriteLine("No LLM provider is configured. Run with --provider OpenAI|AzureOpenAI|Ollama|Anthropic, or set AsiArch__Llm__Provider.");
    return 2;
}

var dbPath = configuration["AsiArch:Store:Path"] ?? "runs/llm-discovery/run.db";
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dbPath))!);
var services = new ServiceCollection().AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
try
{
    services.AddAsiArch(configuration).UseSqliteExperimentStore().UseLlmAgentsFromConfiguration();
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine("Configuration error: " + ex.Message);
    return 2;
}

await using var root = services.BuildServiceProvider();
var store = root.GetRequiredService<IExperimentStore>();
var researcher = root.GetRequiredService<IResearcher>();
var budget = root.GetRequiredService<ILlmBudget>();

var seeds = await store.QueryAsync(new ExperimentQuery { Kinds = [ExperimentKind.Seed] });
var seed = seeds.FirstOrDefault() ?? await store.CreateAsync(new ExperimentDraft
{
    Name = "LinearAttentionSeed",
    Kind = ExperimentKind.Seed,
    Motivation = "Chunked linear attention with an ELU+1 feature map: the simplest linear-time mixer.",
    Program = SeedSource.Code,
});

try
{
    var proposal = await researcher.ProposeAsync(new ResearchContext { Parent = seed });
    var similar = (await store.SearchMotivationsAsync(proposal.Motivation, 5)).ToList();
    var verdict = await researcher.CheckNoveltyAsync(proposal, similar);
    var record = await store.CreateAsync(new ExperimentDraft
    {
        Name = proposal.Name,
        Parent = seed.Index,
        Motivation = proposal.Motivation,
        Program = proposal.Source.Code,
        Costs = ExperimentCosts.None.Add(proposal.Usage + verdict.Usage),
    });
    Console.WriteLine($"#{record.Index} {proposal.Name}{(verdict.IsDuplicate ? $"  (duplicate of {string.Join(", ", verdict.SimilarTo)}: {verdict.Reason})" : "")}");
    Console.WriteLine();
    Console.WriteLine(proposal.Motivation);
    Console.WriteLine();
    Console.WriteLine(proposal.Source.Code);
}
catch (ModelCallException ex)
{
    Console.Error.WriteLine($"The model gave no usable answer ({ex.Failure.Kind}): {ex.Message}");
    return 1;
}

Console.WriteLine($"Spent: {budget.Spent.InputTokens} input + {budget.Spent.OutputTokens} output tokens, cost {budget.Spent.Cost:0.####}. Database: {Path.GetFullPath(dbPath)}");
return 0;

/// <summary>The seed layer the researcher starts from.</summary>
internal static class SeedSource
{
    public const string Code = """
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;
        using AsiArch.Sdk.TorchSharp.Blocks;

        public sealed class LinearAttentionSeed : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _qkv;
            private readonly TorchSharp.Modules.Linear _out;
            private readonly int _heads;
            private readonly int _chunk;

            public LinearAttentionSeed(MixerOptions options) : base(nameof(LinearAttentionSeed))
            {
                _heads = options.NumHeads;
                _chunk = options.ChunkSize;
                _qkv = nn.Linear(options.ModelDim, 3 * options.ModelDim, hasBias: false);
                _out = nn.Linear(options.ModelDim, options.ModelDim, hasBias: false);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                using var scope = NewDisposeScope();
                var parts = _qkv.forward(x).chunk(3, -1);
                var q = FeatureMaps.Apply(FeatureMap.EluPlusOne, Heads.Split(parts[0], _heads));
                var k = FeatureMaps.Apply(FeatureMap.EluPlusOne, Heads.Split(parts[1], _heads));
                var v = Heads.Split(parts[2], _heads);
                var o = SequenceOps.ChunkedLinearAttention(q, k, v, chunkSize: _chunk);
                return _out.forward(Heads.Merge(o)).MoveToOuterDisposeScope();
            }
        }
        """;
}
