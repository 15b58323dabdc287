using Microsoft.Extensions.AI;

namespace AsiArch.Sdk.Testing.Fakes;

/// <summary>One call a <see cref="ScriptedChatClient"/> received.</summary>
/// <param name="Messages">The messages, as sent.</param>
/// <param name="Options">The options, as sent.</param>
/// <param name="Number">1-based call number.</param>
public sealed record ScriptedChatRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options, int Number)
{
    /// <summary>The system message text ("" when none).</summary>
    public string SystemText => Messages.FirstOrDefault(m => m.Role == ChatRole.System)?.Text ?? "";

    /// <summary>The first user message text ("" when none).</summary>
    public string UserText => Messages.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";

    /// <summary>The last message's text (on a retry: the retry instruction).</summary>
    public string LastText => Messages.Count == 0 ? "" : Messages[^1].Text ?? "";

    /// <summary>Every message's text joined.</summary>
    public string AllText => string.Join("\n", Messages.Select(m => m.Text));

    /// <summary>True when the request carries tool results (a function-calling round trip).</summary>
    public bool HasToolResults => Messages.Any(m => m.Contents.OfType<FunctionResultContent>().Any());

    /// <summary>The text of the tool results in the request.</summary>
    public IReadOnlyList<string> ToolResults => Messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>())
        .Select(r => r.Result?.ToString() ?? "").ToList();
}
