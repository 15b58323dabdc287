using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>
/// A hand-written, scripted <see cref="IChatClient"/> for tests: answers come from a queue of steps (texts, JSON,
/// exceptions, hangs, tool calls), else from a responder callback; every request is recorded. Reports token usage
/// like a provider does.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly ConcurrentQueue<Func<ScriptedChatRequest, CancellationToken, Task<ChatResponse>>> _steps = new();
    private readonly List<ScriptedChatRequest> _requests = [];
    private readonly object _gate = new();

    /// <summary>Creates an empty script.</summary>
    /// <param name="modelId">Model id reported on responses and in metadata.</param>
    /// <param name="responder">Answers calls once the queue is empty; null: such a call throws.</param>
    public ScriptedChatClient(string modelId = "scripted-model", Func<ScriptedChatRequest, string>? responder = null)
    {
        ModelId = modelId;
        Responder = responder;
    }

    /// <summary>Model id reported on responses.</summary>
    public string ModelId { get; }

    /// <summary>Answers calls once the queue is empty.</summary>
    public Func<ScriptedChatRequest, string>? Responder { get; set; }

    /// <summary>Input tokens reported per call.</summary>
    public long InputTokensPerCall { get; set; } = 100;

    /// <summary>Output tokens reported per call.</summary>
    public long OutputTokensPerCall { get; set; } = 50;

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<ScriptedChatRequest> Requests
    {
        get { lock (_gate) { return _requests.ToList(); } }
    }

    /// <summary>Steps still queued.</summary>
    public int Remaining => _steps.Count;

    /// <summary>Queues a text answer.</summary>
    public ScriptedChatClient EnqueueText(string text, ChatFinishReason? finishReason = null)
    {
        _steps.Enqueue((request, _) => Task.FromResult(Response(text, finishReason)));
        return this;
    }

    /// <summary>Queues a JSON answer serialised from <paramref name="value"/> (camelCase).</summary>
    public ScriptedChatClient EnqueueJson(object value) =>
        EnqueueText(JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Queues a provider failure.</summary>
    public ScriptedChatClient EnqueueException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _steps.Enqueue((_, _) => Task.FromException<ChatResponse>(exception));
        return this;
    }

    /// <summary>Queues a call that never answers (until cancelled): a provider timeout.</summary>
    public ScriptedChatClient EnqueueHang()
    {
        _steps.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct).ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    /// <summary>Queues a tool call the model makes (the function-invoking client runs it and calls again).</summary>
    public ScriptedChatClient EnqueueFunctionCall(string name, IDictionary<string, object?> arguments, string callId = "call-1")
    {
        _steps.Enqueue((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, arguments)]))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = InputTokensPerCall, OutputTokenCount = OutputTokensPerCall },
        }));
        return this;
    }

    /// <summary>Queues a custom step.</summary>
    public ScriptedChatClient Enqueue(Func<ScriptedChatRequest, string> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _steps.Enqueue((request, _) => Task.FromResult(Response(answer(request), null)));
        return this;
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ScriptedChatRequest request;
        lock (_gate)
        {
            request = new ScriptedChatRequest(messages.ToList(), options?.Clone(), _requests.Count + 1);
            _requests.Add(request);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (_steps.TryDequeue(out var step))
        {
            return await step(request, cancellationToken).ConfigureAwait(false);
        }

        if (Responder is { } responder)
        {
            return Response(responder(request), null);
        }

        throw new InvalidOperationException($"The chat script is exhausted: call {request.Number} has no scripted answer. Last message: {Clip(request.LastText)}");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, ModelId)
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private ChatResponse Response(string text, ChatFinishReason? finishReason) => new(new ChatMessage(ChatRole.Assistant, text))
    {
        ModelId = ModelId,
        FinishReason = finishReason ?? ChatFinishReason.Stop,
        Usage = new UsageDetails { InputTokenCount = InputTokensPerCall, OutputTokenCount = OutputTokensPerCall, TotalTokenCount = InputTokensPerCall + OutputTokensPerCall },
    };

    private static string Clip(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
