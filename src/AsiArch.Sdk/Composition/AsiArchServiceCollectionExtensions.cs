using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AsiArch.Sdk.Composition;

/// <summary>Registers AsiArch.Sdk in a service collection.</summary>
public static class AsiArchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK's shared services (a <see cref="TimeProvider"/> when none is registered) and returns the builder
    /// that chooses each role. Calling it again returns the same builder and registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration; options bind from its <c>AsiArch:*</c> sections.</param>
    public static AsiArchBuilder AddAsiArch(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(AsiArchBuilder) && d.ImplementationInstance is AsiArchBuilder);
        if (existing?.ImplementationInstance is AsiArchBuilder builder)
        {
            builder.AttachConfiguration(configuration);
            return builder;
        }

        builder = new AsiArchBuilder(services, configuration);
        services.AddSingleton(builder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions();
        return builder;
    }
}
