using System.ComponentModel;
using System.Globalization;
using System.Text;
using AsiArch.Sdk.Llm.Answers;
using AsiArch.Sdk.Llm.Prompts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// ASI-ARCH's debugger on an <c>IChatClient</c>: gets the motivation (to preserve), the failing source with line
/// numbers and the failure (compiler diagnostics, gate violations, probe failures, runtime errors with their
/// <c>Layer.cs:line N</c> frame, divergence) and answers the complete fixed source. With an
/// <see cref="ICandidateChecker"/> it can call a <c>check_candidate</c> tool to compile and gate its fix before
/// answering. Gate (policy) violations are declined unless <see cref="LlmOptions.RepairPolicyViolations"/> is on: code
/// that reached for a forbidden API is rejected, not rewritten into something that runs. Never throws for a bad model
/// answer: it gives up with the reason.
/// </summary>
public sealed class ChatClientCodeRepairer : ICodeRepairer
{
    private const int MaxDiagnostics = 40;

    private readonly LlmInvoker _invoker;
    private readonly ICandidateChecker? _checker;
    private readonly ILogger _logger;

    /// <summary>Creates the repairer.</summary>
    /// <param name="invoker">The structured-call invoker.</param>
    /// <param name="checker">Optional compile-and-gate check the model may call as a tool.</param>
    /// <param name="logger">Logger.</param>
    public ChatClientCodeRepairer(LlmInvoker invoker, ICandidateChecker? checker = null, ILogger<ChatClientCodeRepairer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        _invoker = invoker;
        _checker = checker;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<RepairResult> RepairAsync(RepairRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Failure.Kind == FailureKind.PolicyViolation && !_invoker.Options.RepairPolicyViolations)
        {
            LlmLog.RepairDeclined(_logger, request.Failure.Kind);
            return RepairResult.GiveUp("The source violates the safety policy; such candidates are rejected, not repaired.");
        }

        var tools = new List<AITool>();
        if (_checker is not null && _invoker.Options.UseRepairTools)
        {
            tools.Add(AIFunctionFactory.Create(
                ([Description("The complete C# source of the fixed layer.")] string source, CancellationToken ct) => CheckAsync(source, ct),
                "check_candidate",
                "Compiles the complete candidate source and applies the safety gate, without running it. Returns OK or the diagnostics with line numbers."));
        }

        var (system, user) = _invoker.Prompts.Get("repairer").Render(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["contract"] = _invoker.Prompts.GetText("contract"),
            ["tools"] = tools.Count > 0
                ? "You can call `check_candidate(source)` to compile and gate your fix before answering; answer only with a source that passes it."
                : "",
            ["motivation"] = PromptData.Block("motivation", request.Proposal.Motivation),
            ["attempt"] = request.AttemptNumber.ToString(CultureInfo.InvariantCulture),
            ["failure"] = Failure(request.Failure),
            ["previous"] = Previous(request.PreviousAttempts),
            ["source"] = PromptData.Block(request.Source.FileName, PromptData.NumberLines(request.Source.Code)),
        });
        try
        {
            var answer = await _invoker.AskAsync(new LlmRequest
            {
                Role = LlmRoles.Engineer,
                Step = string.Create(CultureInfo.InvariantCulture, $"repair-{request.AttemptNumber}"),
                ExperimentIndex = request.ExperimentIndex,
                System = system,
                User = user,
                SchemaName = RepairAnswer.SchemaName,
                Schema = RepairAnswer.Schema,
                Tools = tools,
            }, (json, _) => RepairAnswer.Read(json, request.Source.Code), cancellationToken).ConfigureAwait(false);
            return new RepairResult
            {
                Source = new CandidateSource(answer.Value.Source, request.Source.FileName),
                Notes = answer.Value.Changes,
                Usage = answer.Usage,
            };
        }
        catch (ModelCallException ex)
        {
            return RepairResult.GiveUp(ex.Failure.Message) with { Usage = ex.Usage };
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async Task<string> CheckAsync(string source, CancellationToken cancellationToken)
    {
        if (CandidateShape.Check(source) is { } shapeError)
        {
            return "FAILED: " + shapeError;
        }

        var result = await _checker!.CheckAsync(new CandidateSource(source), cancellationToken).ConfigureAwait(false);
        return result.Passed
            ? "OK: the source compiles and passes the safety gate."
            : $"FAILED ({result.Kind}):\n" + string.Join("\n", result.Diagnostics.Take(MaxDiagnostics));
    }

    private static string Failure(ExperimentFailure failure)
    {
        var sb = new StringBuilder();
        sb.Append("Kind: ").AppendLine(failure.Kind.ToString());
        sb.Append("Hint: ").AppendLine(Hint(failure.Kind));
        var body = new StringBuilder().AppendLine(PromptData.Clip(failure.Message, 4_000));
        foreach (var diagnostic in failure.Diagnostics.Take(MaxDiagnostics))
        {
            body.Append("- ").AppendLine(PromptData.Clip(diagnostic, 1_000));
        }

        if (failure.Diagnostics.Count > MaxDiagnostics)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"... and {failure.Diagnostics.Count - MaxDiagnostics} more diagnostics");
        }

        sb.Append(PromptData.Block("failure report", body.ToString().TrimEnd()));
        return sb.ToString();
    }

    private static string Hint(FailureKind kind) => kind switch
    {
        FailureKind.CompileError => "fix the compiler errors at the given lines (see the TorchSharp pitfalls).",
        FailureKind.ContractViolation => "the class shape is wrong: one public sealed class, ctor(MixerOptions), forward override.",
        FailureKind.NotCausal => "an output position depends on a later input; mask or restructure so position t only sees positions <= t.",
        FailureKind.SuperLinear => "the cost grows faster than linearly with length; use the chunked blocks instead of T x T products.",
        FailureKind.NonFinite => "NaN/Inf appeared: clamp exponents, add eps to divisions and norms, keep decays <= 0 in log space.",
        FailureKind.Timeout => "it was too slow: make it cheaper (chunked computation, fewer passes), not a different idea.",
        FailureKind.OutOfMemory => "it used too much memory: avoid materialising [T, T] or per-position state tensors.",
        FailureKind.RuntimeError => "a runtime exception: the frame Layer.cs:line N points at the failing line; check shapes and dims.",
        FailureKind.PolicyViolation => "remove every use of the forbidden API; the layer may only compute with tensors.",
        _ => "make the minimal fix.",
    };

    private static string Previous(IReadOnlyList<RepairAttempt> attempts)
    {
        if (attempts.Count == 0)
        {
            return "(none)";
        }

        var sb = new StringBuilder();
        foreach (var attempt in attempts)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"- attempt {attempt.Number}: {attempt.Failure.Kind}: {PromptData.Defuse(PromptData.Clip(attempt.Failure.Message, 300))}{(attempt.RepairedSource is null ? " (gave up)" : "")}");
        }

        return sb.ToString().TrimEnd();
    }
}
