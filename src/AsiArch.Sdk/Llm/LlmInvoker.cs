using System.Globalization;
using System.Text.Json;
using AsiArch.Sdk.Llm.Json;
using AsiArch.Sdk.Llm.Prompts;
using AsiArch.Sdk.Llm.Usage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// Runs structured model calls for the agents: picks the role's client and model, sends the answer's JSON schema,
/// parses leniently, retries with the parse error shown to the model, records usage, persists every prompt/response
/// pair to the experiment store before returning, and replays recorded answers when the response cache is on.
/// After <see cref="LlmOptions.MaxAttempts"/> unusable answers it throws <see cref="ModelCallException"/>.
/// </summary>
public sealed class LlmInvoker
{
    /// <summary>The run value that keeps the run's cumulative usage across restarts.</summary>
    public const string UsageRunKey = "llm.usage";

    private readonly LlmClientSet _clients;
    private readonly IExperimentStore? _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _restoreGate = new(1, 1);
    private bool _restored;

    /// <summary>Creates an invoker.</summary>
    /// <param name="clients">The chat client per role.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="prompts">Prompt library; the embedded prompts when null.</param>
    /// <param name="usage">Usage tracker (shared with the loop's budget check); a new one when null.</param>
    /// <param name="store">Where interactions are persisted and looked up; nothing is persisted when null.</param>
    /// <param name="timeProvider">Clock for interaction timestamps.</param>
    /// <param name="logger">Logger.</param>
    public LlmInvoker(
        LlmClientSet clients,
        LlmOptions? options = null,
        PromptLibrary? prompts = null,
        LlmUsageTracker? usage = null,
        IExperimentStore? store = null,
        TimeProvider? timeProvider = null,
        ILogger<LlmInvoker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        Options = options ?? new LlmOptions();
        Prompts = prompts ?? new PromptLibrary(Options);
        Usage = usage ?? new LlmUsageTracker(Options);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The settings.</summary>
    public LlmOptions Options { get; }

    /// <summary>The prompts.</summary>
    public PromptLibrary Prompts { get; }

    /// <summary>The usage tracker and budget.</summary>
    public LlmUsageTracker Usage { get; }

    /// <summary>The experiment store interactions go to, when any.</summary>
    public IExperimentStore? Store => _store;

    /// <summary>Asks for a structured answer and reads it with <paramref name="read"/>.</summary>
    /// <param name="request">The call.</param>
    /// <param name="read">
    /// Turns the answer's JSON object (and the raw text) into <typeparamref name="T"/>; throws
    /// <see cref="ModelAnswerException"/> when the answer is unusable, which triggers a retry.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (not retried).</param>
    /// <exception cref="ModelCallException">No usable answer after the configured attempts.</exception>
    public async Task<LlmAnswer<T>> AskAsync<T>(
        LlmRequest request,
        Func<JObject, string, T> read,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(read);
        await RestoreUsageAsync(cancellationToken).ConfigureAwait(false);

        var client = _clients.Get(request.Role);
        if (request.Tools.Count > 0)
        {
            client = new FunctionInvokingChatClient(client) { MaximumIterationsPerRequest = Options.MaxToolRounds };
        }

        var chatOptions = BuildOptions(request);
        List<ChatMessage> messages = [new(ChatRole.System, request.System), new(ChatRole.User, request.User)];
        var total = TokenUsage.Zero;
        var errors = new List<string>();
        var timedOut = false;
        string? model = chatOptions.ModelId;
        for (var attempt = 1; attempt <= Options.MaxAttempts; attempt++)
        {
            var step = attempt == 1 ? request.Step : string.Create(CultureInfo.InvariantCulture, $"{request.Step}#{attempt}");
            var requestJson = SerializeRequest(messages, chatOptions, request);
            var hash = CandidateSource.ComputeHash(requestJson);
            string text;
            var cached = Options.UseResponseCache && _store is not null
                ? await _store.FindInteractionAsync(hash, cancellationToken).ConfigureAwait(false)
                : null;
            if (cached is not null)
            {
                LlmLog.CacheHit(_logger, request.Role, step, hash);
                text = cached.Response;
                model = cached.Model ?? model;
            }
            else
            {
                ChatResponse response;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Options.CallTimeout);
                try
                {
                    response = await client.GetResponseAsync(messages, chatOptions, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    timedOut = true;
                    var error = $"attempt {attempt}: the model call timed out after {Options.CallTimeout}.";
                    errors.Add(error);
                    LlmLog.ProviderFailed(_logger, request.Role, step, attempt, error);
                    continue;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    timedOut = false;
                    var error = $"attempt {attempt}: the provider failed: {ex.GetType().Name}: {PromptData.Clip(ex.Message, 500)}";
                    errors.Add(error);
                    LlmLog.ProviderFailed(_logger, request.Role, step, attempt, error);
                    continue;
                }

                timedOut = false;
                text = response.Text ?? "";
                model = response.ModelId ?? model;
                var usage = UsageOf(response, text, requestJson, model, request, step);
                total += usage;
                Usage.Record(request.Role, request.ExperimentIndex, usage);
                LlmLog.CallCompleted(_logger, request.Role, step, attempt, usage.InputTokens, usage.OutputTokens, model);
                LlmLog.Exchange(_logger, request.Role, step, requestJson, PromptData.Clip(text, 20_000));
                await PersistAsync(request, step, hash, requestJson, text, model, usage, cancellationToken).ConfigureAwait(false);
                if (response.FinishReason == ChatFinishReason.Length && text.Length <= Options.MaxResponseCharacters
                    && !LenientJson.TryParseObject(text, out _, out _))
                {
                    Reject(errors, request, step, attempt, messages, text,
                        "The answer was cut off at the output token limit before the JSON object was complete; answer more concisely.");
                    continue;
                }
            }

            if (text.Length > Options.MaxResponseCharacters)
            {
                Reject(errors, request, step, attempt, messages, text, string.Create(CultureInfo.InvariantCulture,
                    $"The answer was too long ({text.Length} characters; the limit is {Options.MaxResponseCharacters}). Answer with the JSON object only."));
                continue;
            }

            if (!LenientJson.TryParseObject(text, out var json, out var parseError))
            {
                Reject(errors, request, step, attempt, messages, text, parseError!);
                continue;
            }

            try
            {
                var value = read(json!, text);
                return new LlmAnswer<T> { Value = value, Usage = total, Attempts = attempt, Model = model };
            }
            catch (ModelAnswerException ex)
            {
                Reject(errors, request, step, attempt, messages, text, ex.Message);
            }
        }

        var kind = timedOut ? FailureKind.Timeout : FailureKind.InvalidModelOutput;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The {request.Role} model gave no usable answer for '{request.Step}' after {Options.MaxAttempts} attempt(s): {errors.LastOrDefault() ?? "no answer"}");
        throw new ModelCallException(request.Role, request.Step, new ExperimentFailure(kind, message, errors), total);
    }

    private void Reject(List<string> errors, LlmRequest request, string step, int attempt, List<ChatMessage> messages, string text, string error)
    {
        errors.Add(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt}: {error}"));
        LlmLog.AttemptRejected(_logger, request.Role, step, attempt, error);
        messages.Add(new ChatMessage(ChatRole.Assistant, PromptData.Clip(text, 4_000)));
        messages.Add(new ChatMessage(ChatRole.User, Prompts.GetText("retry").Replace("{{error}}", error, StringComparison.Ordinal)));
    }

    private ChatOptions BuildOptions(LlmRequest request)
    {
        var options = new ChatOptions
        {
            ModelId = Options.ModelFor(request.Role),
            Temperature = (float?)Options.TemperatureFor(request.Role),
            MaxOutputTokens = Options.MaxOutputTokens,
        };
        if (Options.UseJsonSchema)
        {
            using var schema = JsonDocument.Parse(request.Schema);
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), request.SchemaName);
        }

        if (request.Tools.Count > 0)
        {
            options.Tools = [.. request.Tools];
        }

        return options;
    }

    private TokenUsage UsageOf(ChatResponse response, string text, string requestJson, string? model, LlmRequest request, string step)
    {
        if (response.Usage is { } usage && (usage.InputTokenCount is not null || usage.OutputTokenCount is not null))
        {
            return Usage.Price(model, usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        }

        // No usage reported: a rough estimate (4 characters a token) keeps the hard budget meaningful.
        var input = requestJson.Length / 4L;
        var output = text.Length / 4L;
        LlmLog.UsageEstimated(_logger, request.Role, step, input + output);
        return Usage.Price(model, input, output);
    }

    private async Task PersistAsync(LlmRequest request, string step, string hash, string requestJson, string text, string? model,
        TokenUsage usage, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return;
        }

        await _store.AppendInteractionAsync(new ModelInteraction
        {
            ExperimentIndex = request.ExperimentIndex,
            Role = request.Role,
            Step = step,
            RequestHash = hash,
            Request = requestJson,
            Response = PromptData.Clip(text, Options.MaxResponseCharacters),
            Model = model,
            Usage = usage,
            CreatedAt = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        var spent = Usage.Spent;
        await _store.SetRunValueAsync(UsageRunKey, new JObject
        {
            ["inputTokens"] = spent.InputTokens,
            ["outputTokens"] = spent.OutputTokens,
            ["cost"] = spent.Cost,
        }.ToString(Newtonsoft.Json.Formatting.None), cancellationToken).ConfigureAwait(false);
    }

    private async Task RestoreUsageAsync(CancellationToken cancellationToken)
    {
        if (_restored || _store is null)
        {
            return;
        }

        await _restoreGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_restored)
            {
                return;
            }

            var saved = await _store.GetRunValueAsync(UsageRunKey, cancellationToken).ConfigureAwait(false);
            if (saved is not null && LenientJson.TryParseObject(saved, out var json, out _))
            {
                Usage.Restore(new TokenUsage
                {
                    InputTokens = json!.Value<long?>("inputTokens") ?? 0,
                    OutputTokens = json.Value<long?>("outputTokens") ?? 0,
                    Cost = json.Value<decimal?>("cost") ?? 0m,
                });
            }

            _restored = true;
        }
        finally
        {
            _restoreGate.Release();
        }
    }

    private static string SerializeRequest(List<ChatMessage> messages, ChatOptions options, LlmRequest request)
    {
        var json = new JObject
        {
            ["model"] = options.ModelId,
            ["temperature"] = options.Temperature,
            ["maxOutputTokens"] = options.MaxOutputTokens,
            ["schema"] = options.ResponseFormat is null ? null : request.SchemaName,
            ["tools"] = new JArray(request.Tools.Select(t => t.Name)),
            ["messages"] = new JArray(messages.Select(m => new JObject { ["role"] = m.Role.Value, ["text"] = m.Text })),
        };
        return json.ToString(Newtonsoft.Json.Formatting.None);
    }
}
