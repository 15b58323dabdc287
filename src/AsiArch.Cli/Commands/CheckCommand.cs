using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AsiArch.Cli.Inspection;
using AsiArch.Sdk;
using AsiArch.Sdk.Engineering;
using AsiArch.Sdk.Sandbox;
using Spectre.Console;

namespace AsiArch.Cli.Commands;

/// <summary>
/// <c>asiarch check FILE [--json] [--profile NAME]</c>: compiles a candidate mixer, runs the safety gate and the
/// contract check, then the sanity probes in the sandboxed worker, and prints the verdict. Exit code 0 accepted,
/// 1 rejected, 2 usage error.
/// </summary>
public static class CheckCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Consoles and clock.</param>
    /// <param name="sandbox">Sandbox settings (tests pass short timeouts); null uses the defaults.</param>
    public static Command Create(InspectionContext context, SandboxOptions? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = new Argument<string>("FILE") { Description = "The candidate's C# source file (one public sealed mixer class)." };
        var json = InspectionOptions.Json();
        var profile = new Option<string>("--profile")
        {
            Description = "Profile whose shapes and parameter budget the probes use (Smoke, Explore, Verify, Paper20M, Paper340M) [default: Explore].",
            DefaultValueFactory = _ => "Explore",
            HelpName = "NAME",
        };
        var command = new Command(
            "check",
            """
            Check a candidate mixer the way the engineer does: compile it (Roslyn, in memory), run the safety gate and the
            contract check, then run the sanity probes (shape, backward, finiteness, causality, batch independence,
            complexity, parameter budget) in the sandboxed worker. Prints the verdict.

            Exit codes: 0 accepted, 1 rejected, 2 usage error (missing file, unknown profile or option).

            Examples:
              asiarch check Layer.cs
              asiarch check Layer.cs --profile Smoke --json
            """)
        {
            file, json, profile,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, () => RunAsync(
            context, sandbox ?? new SandboxOptions(), parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(profile)!, ct)));
        return command;
    }

    private static async Task<int> RunAsync(InspectionContext context, SandboxOptions sandbox, string path, bool json, string profileName, CancellationToken ct)
    {
        TrainingProfile profile;
        try
        {
            profile = TrainingProfiles.Get(profileName);
        }
        catch (ArgumentException)
        {
            throw new CliCommandException(
                $"Unknown profile '{profileName}'. Known profiles: {string.Join(", ", TrainingProfiles.All.Select(p => p.Name))}.",
                InspectionExitCodes.Usage);
        }

        if (!File.Exists(path))
        {
            throw new CliCommandException($"File not found: {path}", InspectionExitCodes.Usage);
        }

        var code = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        var source = new CandidateSource(code, Path.GetFileName(path));
        var build = new ArtifactBuilder().Build(source);
        ExperimentFailure? failure = build.Failure;
        ProbeReport? probes = null;
        var isolation = SandboxLevel.NotRun;
        if (build.Succeeded)
        {
            // One job: no worker is kept ready for a next one (on a copy: the options may be shared).
            var oneJob = sandbox.Clone();
            oneJob.KeepWorkerReady = false;
            using var client = new WorkerClient(oneJob);
            var outcome = await client.ProbeAsync(build.Artifact!, profile, seed: 0, ct).ConfigureAwait(false);
            failure = outcome.Failure;
            probes = outcome.Probes;
            isolation = outcome.Sandbox;
        }

        if (json)
        {
            JsonOutputRaw(context, Verdict(failure, probes, isolation));
        }
        else
        {
            Render(context, path, failure, probes, isolation);
        }

        return failure is null ? InspectionExitCodes.Ok : InspectionExitCodes.Failure;
    }

    /// <summary>The <c>--json</c> verdict object.</summary>
    internal static JsonObject Verdict(ExperimentFailure? failure, ProbeReport? probes, SandboxLevel isolation) => new()
    {
        ["accepted"] = failure is null,
        ["failure"] = failure is null ? null : new JsonObject
        {
            ["kind"] = failure.Kind.ToString(),
            ["message"] = failure.Message,
            ["diagnostics"] = new JsonArray(failure.Diagnostics.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
        },
        ["probes"] = new JsonObject
        {
            ["causal"] = probes?.Causal,
            ["complexityExponent"] = Finite(probes?.ComplexityExponent),
            ["parameters"] = probes is null ? null : probes.Parameters,
            ["stepMs"] = probes is null || probes.StepMilliseconds <= 0 ? null : Finite(probes.StepMilliseconds),
        },
        ["isolation"] = isolation.ToString(),
    };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static void JsonOutputRaw(InspectionContext context, JsonObject verdict)
    {
        var writer = context.Console.Profile.Out.Writer;
        writer.Write(verdict.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        writer.Write('\n');
        writer.Flush();
    }

    private static void Render(InspectionContext context, string path, ExperimentFailure? failure, ProbeReport? probes, SandboxLevel isolation)
    {
        var console = context.Console;
        if (failure is null)
        {
            console.MarkupLine($"[green]accepted[/] {Markup.Escape(path)}");
        }
        else
        {
            console.MarkupLine($"[red]rejected[/] {Markup.Escape(path)}: [bold]{failure.Kind}[/]: {Markup.Escape(failure.Message)}");
            foreach (var line in failure.Diagnostics)
            {
                console.WriteLine(line);
            }
        }

        if (probes is not null)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("probe").AddColumn(new TableColumn("value").RightAligned());
            table.AddRow("causal", probes.Causal?.ToString() ?? "–");
            table.AddRow("complexity exponent", probes.ComplexityExponent?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–");
            table.AddRow("batch independent", probes.BatchIndependent?.ToString() ?? "–");
            table.AddRow("parameters", probes.Parameters.ToString("N0", CultureInfo.InvariantCulture));
            table.AddRow("step ms", probes.StepMilliseconds > 0 ? probes.StepMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : "–");
            table.AddRow("fingerprint", Markup.Escape(probes.Fingerprint ?? "–"));
            console.Write(table);
        }

        console.MarkupLine($"isolation: {isolation}");
    }
}
