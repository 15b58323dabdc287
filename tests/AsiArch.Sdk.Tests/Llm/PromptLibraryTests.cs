using AsiArch.Sdk.Llm;
using AsiArch.Sdk.Llm.Prompts;
using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Tests.Llm;

public sealed class PromptLibraryTests
{
    [Fact]
    public void Get_EveryEmbeddedPrompt_Loads()
    {
        var library = new PromptLibrary();
        foreach (var name in PromptLibrary.Names.Except(["contract", "retry"]))
        {
            var prompt = library.Get(name);
            Assert.False(string.IsNullOrWhiteSpace(prompt.System), name);
            Assert.False(string.IsNullOrWhiteSpace(prompt.User), name);
        }

        Assert.Contains("RegisterComponents()", library.GetText("contract"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PromptDirectoryOverride_ReplacesTheEmbeddedPrompt()
    {
        var dir = Directory.CreateTempSubdirectory("asiarch-prompts-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "judge.md"), "CUSTOM JUDGE RULES\n---user---\nJudge {{experiment}}");
            var client = new ScriptedChatClient().EnqueueText(LlmTestKit.Json(new { performance = 5, innovation = 5, complexity = 5, reason = "ok" }));

            await new ChatClientQualityJudge(LlmTestKit.Invoker(client, configure: o => o.PromptDirectory = dir.FullName)).JudgeAsync(new JudgeRequest { Experiment = LlmTestKit.Record(1) });

            Assert.Equal("CUSTOM JUDGE RULES", client.Requests[0].SystemText);
            Assert.StartsWith("Judge Experiment #1", client.Requests[0].UserText, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Get_MissingOverrideFile_ThrowsWithThePath()
    {
        var options = new LlmOptions();
        options.PromptFiles["planner"] = "/nonexistent/planner.md";

        var ex = Assert.Throws<FileNotFoundException>(() => new PromptLibrary(options).Get("planner"));
        Assert.Contains("/nonexistent/planner.md", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SlotValueContainingASlot_IsNotExpandedAgain()
    {
        var template = new PromptTemplate("t", "S {{a}}\n---user---\nU {{b}}");

        var (system, user) = template.Render(new Dictionary<string, string> { ["a"] = "{{b}}", ["b"] = "x" });

        Assert.Equal("S {{b}}", system);
        Assert.Equal("U x", user);
    }

    [Fact]
    public void Render_MissingValue_NamesTheSlot()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PromptTemplate("t", "S {{a}}\n---user---\nU").Render(new Dictionary<string, string>()));
        Assert.Contains("{{a}}", ex.Message, StringComparison.Ordinal);
    }
}
