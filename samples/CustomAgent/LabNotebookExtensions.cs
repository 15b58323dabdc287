using AsiArch.Sdk;
using AsiArch.Sdk.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace CustomAgent;

// <snippet:use-lab-notebook>
/// <summary>The <c>UseLabNotebook</c> builder extensions, for DI and for hand-built pipelines.</summary>
public static class LabNotebookExtensions
{
    /// <summary>Wraps the researcher already chosen (call after <c>UseOfflineAgents</c> or <c>UseResearcher</c>).</summary>
    public static AsiArchBuilder UseLabNotebook(this AsiArchBuilder builder, string folder) =>
        builder.DecorateResearcher((inner, services) =>
            new LabNotebookResearcher(inner, folder, services.GetService<TimeProvider>() ?? TimeProvider.System));

    /// <summary>Adds the notebook stage to a <see cref="ResearcherBuilder"/> pipeline.</summary>
    public static ResearcherBuilder UseLabNotebook(this ResearcherBuilder builder, string folder) =>
        builder.Use(inner => new LabNotebookResearcher(inner, folder, TimeProvider.System));
}
// </snippet:use-lab-notebook>
