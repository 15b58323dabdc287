using System.CommandLine;
using AsiArch.Cli.Commands;

namespace AsiArch.Cli.Inspection;

/// <summary>Registers the inspection and reporting commands and invokes a command line with the documented exit codes.</summary>
public static class InspectionCommands
{
    /// <summary>Adds top, show, lineage, report, baselines and cognition to <paramref name="root"/>.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="context">Consoles and clock.</param>
    public static RootCommand AddInspectionCommands(this RootCommand root, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(TopCommand.Create(context));
        root.Subcommands.Add(ShowCommand.Create(context));
        root.Subcommands.Add(LineageCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(BaselinesCommand.Create(context));
        root.Subcommands.Add(CognitionCommand.Create(context));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>: parse errors are printed with a pointer to <c>--help</c> and exit with
    /// <see cref="InspectionExitCodes.Usage"/>; otherwise the command's own exit code is returned.
    /// </summary>
    /// <param name="root">The root command.</param>
    /// <param name="args">The command line.</param>
    /// <param name="context">Where output and errors go.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InspectionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                CommandRunner.WriteError(context, error.Message);
            }

            CommandRunner.WriteError(context, "Run 'asiarch --help' or 'asiarch COMMAND --help' for usage.");
            return InspectionExitCodes.Usage;
        }

        var output = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = output };
        var code = await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
        // Help and version text from System.CommandLine is plain text: pass it through unchanged.
        var text = output.ToString();
        if (text.Length > 0)
        {
            context.Console.Profile.Out.Writer.Write(text);
            context.Console.Profile.Out.Writer.Flush();
        }

        return code;
    }
}
