using AsiArch.Sdk;
using Spectre.Console;

namespace AsiArch.Cli.Inspection;

/// <summary>Runs a command body and turns expected failures into one escaped error line and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>.</summary>
    /// <param name="context">Where errors go.</param>
    /// <param name="body">The command.</param>
    public static async Task<int> RunAsync(InspectionContext context, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliCommandException ex)
        {
            WriteError(context, ex.Message);
            return ex.ExitCode;
        }
        catch (ExperimentStoreException ex)
        {
            WriteError(context, ex.Message);
            return InspectionExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            WriteError(context, "Cancelled.");
            return InspectionExitCodes.Failure;
        }
    }

    /// <summary>Writes an error line; the text is escaped (it may contain paths or model output).</summary>
    /// <param name="context">Where errors go.</param>
    /// <param name="message">The message.</param>
    public static void WriteError(InspectionContext context, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Error.MarkupLine("[red]error:[/] " + Markup.Escape(message));
    }
}
