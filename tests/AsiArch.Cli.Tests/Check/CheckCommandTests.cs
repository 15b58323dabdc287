using System.CommandLine;
using System.Text.Json;
using AsiArch.Cli.Commands;
using AsiArch.Cli.Inspection;
using Spectre.Console.Testing;

namespace AsiArch.Cli.Tests.Check;

/// <summary><c>asiarch check</c> paths that stop before the worker (no torch): rejections and usage errors.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "asiarch-check-test-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly TestConsole _out = new();
    private readonly TestConsole _err = new();

    public CheckCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<int> RunAsync(params string[] args)
    {
        _out.Profile.Width = 400;
        var context = new InspectionContext(_out, _err, TimeProvider.System);
        var root = new RootCommand("test");
        root.Subcommands.Add(CheckCommand.Create(context));
        return await InspectionCommands.InvokeAsync(root, args, context);
    }

    private string Write(string code)
    {
        var path = Path.Combine(_dir, "Layer.cs");
        File.WriteAllText(path, code);
        return path;
    }

    private const string Hostile = """
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        public sealed class LeakyMixer : nn.Module<Tensor, Tensor>
        {
            private readonly TorchSharp.Modules.Linear _in;
            public LeakyMixer(MixerOptions options) : base(nameof(LeakyMixer))
            {
                _in = nn.Linear(options.ModelDim, options.ModelDim);
                var key = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY");
                RegisterComponents();
            }
            public override Tensor forward(Tensor x) => _in.forward(x);
        }
        """;

    [Fact]
    public async Task Check_PolicyViolationWithJson_PrintsVerdictObjectAndExitsOne()
    {
        var code = await RunAsync("check", Write(Hostile), "--json");

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(_out.Output);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("accepted").GetBoolean());
        Assert.Equal("PolicyViolation", root.GetProperty("failure").GetProperty("kind").GetString());
        Assert.Contains("ASA007", root.GetProperty("failure").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Layer.cs(11,", root.GetProperty("failure").GetProperty("diagnostics")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("probes").GetProperty("causal").ValueKind);
        Assert.True(root.GetProperty("probes").TryGetProperty("complexityExponent", out _));
        Assert.True(root.GetProperty("probes").TryGetProperty("parameters", out _));
        Assert.True(root.GetProperty("probes").TryGetProperty("stepMs", out _));
        Assert.Equal("NotRun", root.GetProperty("isolation").GetString());
    }

    [Fact]
    public async Task Check_CompileError_HumanOutputQuotesTheLine()
    {
        var code = await RunAsync("check", Write(Hostile.Replace("using static TorchSharp.torch;", "using static TorchSharp.torch").Replace("var key = System.Environment.GetEnvironmentVariable(\"OPENAI_API_KEY\");", "")));

        Assert.Equal(1, code);
        Assert.Contains("rejected", _out.Output, StringComparison.Ordinal);
        Assert.Contains("CompileError", _out.Output, StringComparison.Ordinal);
        Assert.Contains("error CS1002", _out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_IsUsageErrorTwo()
    {
        var code = await RunAsync("check", Path.Combine(_dir, "missing.cs"));

        Assert.Equal(2, code);
        Assert.Contains("File not found", _err.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownProfile_IsUsageErrorTwo()
    {
        var code = await RunAsync("check", Write(Hostile), "--profile", "Huge");

        Assert.Equal(2, code);
        Assert.Contains("Unknown profile", _err.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NoFileArgument_IsUsageErrorTwo()
    {
        var code = await RunAsync("check");

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Check_Help_DocumentsExitCodes()
    {
        var code = await RunAsync("check", "--help");

        Assert.Equal(0, code);
        Assert.Contains("0 accepted, 1 rejected, 2 usage error", _out.Output, StringComparison.Ordinal);
    }
}
