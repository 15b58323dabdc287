using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Composition;

/// <summary>Wraps the researcher already chosen on an <see cref="AsiArchBuilder"/> in a decorator.</summary>
public static class ResearcherDecorationExtensions
{
    /// <summary>
    /// Replaces the registered <see cref="IResearcher"/> with <paramref name="decorate"/>(registered researcher). Call it
    /// after the researcher is chosen (<c>UseResearcher</c>, <c>UseOfflineAgents</c>, <c>UseChatClientAgents</c>);
    /// several calls stack, the last one outermost.
    /// </summary>
    /// <exception cref="InvalidOperationException">No researcher is registered yet.</exception>
    public static AsiArchBuilder DecorateResearcher(this AsiArchBuilder builder, Func<IResearcher, IServiceProvider, IResearcher> decorate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(decorate);
        var inner = builder.Services.LastOrDefault(d => d.ServiceType == typeof(IResearcher) && !d.IsKeyedService)
            ?? throw new InvalidOperationException(
                "No researcher is registered to decorate: choose one first (UseResearcher, UseOfflineAgents or UseChatClientAgents), then add decorators.");
        builder.Services.Remove(inner);
        return builder.UseResearcher(sp => decorate(Create(inner, sp), sp));
    }

    private static IResearcher Create(ServiceDescriptor descriptor, IServiceProvider services) => descriptor switch
    {
        { ImplementationInstance: IResearcher instance } => instance,
        { ImplementationFactory: { } factory } => (IResearcher)factory(services),
        { ImplementationType: { } type } => (IResearcher)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"The registered researcher ({descriptor}) cannot be created for decoration."),
    };
}
