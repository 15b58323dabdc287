using System.CommandLine;
using AsiArch.Cli.Inspection;

var context = InspectionContext.CreateDefault();
var root = new RootCommand(
    """
    asiarch: run, inspect and report ASI-ARCH style architecture-discovery runs.

    Exit codes: 0 ok (check: candidate accepted), 1 domain failure (unknown experiment, missing or corrupt database, candidate rejected by check), 2 usage error.
    """);
root.AddInspectionCommands(context);
root.Subcommands.Add(AsiArch.Cli.Commands.CheckCommand.Create(context));
root.Subcommands.Add(AsiArch.Cli.Commands.StatusCommand.Create(context));
root.Subcommands.Add(AsiArch.Cli.Commands.RunCommand.Create(context));
root.Subcommands.Add(AsiArch.Cli.Commands.ResumeCommand.Create(context));
root.Subcommands.Add(AsiArch.Cli.Commands.ReviewCommand.Create(context));
return await InspectionCommands.InvokeAsync(root, args, context);
