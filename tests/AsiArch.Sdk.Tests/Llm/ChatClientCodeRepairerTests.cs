using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class ChatClientCodeRepairerTests
{
    private static readonly string Broken = LlmTestKit.Source(body: "return _out.forward(x).shape[-1];");

    [Fact]
    public async Task RepairAsync_CompileError_SendsDiagnosticsAndNumberedSourceAndReturnsTheFix()
    {
        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { changes = "Removed the negative index.", source = LlmTestKit.Source() }));
        var store = new InMemoryInteractionStore();
        var repairer = new ChatClientCodeRepairer(LlmTestKit.Invoker(client, store));

        var result = await repairer.RepairAsync(Request(FailureKind.CompileError, "Layer.cs(19,40): error CS0029: Cannot implicitly convert type 'long' to 'Tensor'"));

        Assert.NotNull(result.Source);
        Assert.Equal(LlmTestKit.Source(), result.Source!.Code);
        Assert.Equal("Removed the negative index.", result.Notes);
        var request = client.Requests[0];
        Assert.Contains("Layer.cs(19,40): error CS0029", request.UserText, StringComparison.Ordinal);
        Assert.Matches(@"\n18 \|\s+return _out\.forward\(x\)\.shape\[-1\];", request.UserText);
        Assert.Contains("Gate the recall path", request.UserText, StringComparison.Ordinal);
        Assert.Equal("repair-2", store.Interactions[0].Step);
        Assert.Equal(42, store.Interactions[0].ExperimentIndex);
        Assert.Equal(100, result.Usage.InputTokens);
    }

    [Fact]
    public async Task RepairAsync_PolicyViolation_GivesUpWithoutAModelCall()
    {
        var client = new ScriptedChatClient();

        var result = await new ChatClientCodeRepairer(LlmTestKit.Invoker(client)).RepairAsync(Request(FailureKind.PolicyViolation, "System.IO.File.Delete is not allowed (line 12)."));

        Assert.Null(result.Source);
        Assert.Contains("safety policy", result.Notes, StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task RepairAsync_RuntimeErrorFrame_IsShownWithAHint()
    {
        var client = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { changes = "Fixed the reshape.", source = LlmTestKit.Source() }));

        await new ChatClientCodeRepairer(LlmTestKit.Invoker(client)).RepairAsync(Request(FailureKind.RuntimeError, "shape '[2, 4, 16]' is invalid for input of size 96\n   at GatedRecallMixer.forward(Tensor x) in Layer.cs:line 19"));

        Assert.Contains("Layer.cs:line 19", client.Requests[0].UserText, StringComparison.Ordinal);
        Assert.Contains("Kind: RuntimeError", client.Requests[0].UserText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepairAsync_UnchangedSourceThenFix_Retries()
    {
        var client = new ScriptedChatClient()
            .EnqueueText(LlmTestKit.Json(new { changes = "none", source = Broken }))
            .EnqueueText(LlmTestKit.Json(new { changes = "Fixed.", source = LlmTestKit.Source() }));

        var result = await new ChatClientCodeRepairer(LlmTestKit.Invoker(client)).RepairAsync(Request(FailureKind.CompileError, "error CS0029"));

        Assert.NotNull(result.Source);
        Assert.Contains("identical to the failing source", client.Requests[1].LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepairAsync_ModelNeverAnswersUsably_GivesUpWithTheReason()
    {
        var client = new ScriptedChatClient(responder: _ => "Sorry, I could not fix it.");

        var result = await new ChatClientCodeRepairer(LlmTestKit.Invoker(client)).RepairAsync(Request(FailureKind.CompileError, "error CS0029"));

        Assert.Null(result.Source);
        Assert.Contains("no usable answer", result.Notes, StringComparison.Ordinal);
        Assert.Equal(300, result.Usage.InputTokens);
    }

    [Fact]
    public async Task RepairAsync_WithChecker_ModelChecksItsFixWithTheToolBeforeAnswering()
    {
        var checker = new ScriptedChecker();
        var client = new ScriptedChatClient()
            .EnqueueFunctionCall("check_candidate", new Dictionary<string, object?> { ["source"] = Broken })
            .EnqueueFunctionCall("check_candidate", new Dictionary<string, object?> { ["source"] = LlmTestKit.Source() }, "call-2")
            .EnqueueText(LlmTestKit.Json(new { changes = "Checked fix.", source = LlmTestKit.Source() }));

        var result = await new ChatClientCodeRepairer(LlmTestKit.Invoker(client), checker).RepairAsync(Request(FailureKind.CompileError, "error CS0029"));

        Assert.NotNull(result.Source);
        Assert.Equal(2, checker.Checked.Count);
        Assert.Equal(3, client.Requests.Count);
        Assert.Contains("check_candidate", client.Requests[0].Options!.Tools!.Select(t => t.Name));
        Assert.Contains(client.Requests[1].ToolResults, r => r.Contains("FAILED", StringComparison.Ordinal) && r.Contains("CS0021", StringComparison.Ordinal));
        Assert.Contains(client.Requests[2].ToolResults, r => r.Contains("OK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RepairAsync_RealCompilerAndGateAsTheTool_ReportsTheGateViolationToTheModel()
    {
        var hostile = LlmTestKit.Source(body: "System.IO.File.Delete(\"/tmp/x\"); return _out.forward(x);");
        var client = new ScriptedChatClient()
            .EnqueueFunctionCall("check_candidate", new Dictionary<string, object?> { ["source"] = hostile })
            .EnqueueText(LlmTestKit.Json(new { changes = "Removed the file access.", source = LlmTestKit.Source() }));

        var result = await new ChatClientCodeRepairer(LlmTestKit.Invoker(client), new ArtifactBuilderCandidateChecker())
            .RepairAsync(Request(FailureKind.CompileError, "error CS0029"));

        Assert.NotNull(result.Source);
        var report = Assert.Single(client.Requests[1].ToolResults);
        Assert.Contains("FAILED (PolicyViolation)", report, StringComparison.Ordinal);
        Assert.Contains("System.IO", report, StringComparison.Ordinal);
    }

    private static RepairRequest Request(FailureKind kind, string message) => new()
    {
        Proposal = new Proposal { Name = "GatedRecallMixer", Motivation = "Gate the recall path to sharpen MQAR retrieval.", Source = new CandidateSource(Broken) },
        Source = new CandidateSource(Broken),
        Failure = new ExperimentFailure(kind, message, [message]),
        AttemptNumber = 2,
        ExperimentIndex = 42,
    };

    private sealed class ScriptedChecker : ICandidateChecker
    {
        public List<string> Checked { get; } = [];

        public Task<CandidateCheckResult> CheckAsync(CandidateSource source, CancellationToken cancellationToken = default)
        {
            Checked.Add(source.Code);
            return Task.FromResult(source.Code.Contains("shape[-1]", StringComparison.Ordinal)
                ? new CandidateCheckResult { Passed = false, Kind = FailureKind.CompileError, Diagnostics = ["Layer.cs(19,20): error CS0021: Cannot apply indexing with [] to an expression of type 'long'"] }
                : CandidateCheckResult.Pass);
        }
    }
}
