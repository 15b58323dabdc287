namespace AsiArch.Sdk;

/// <summary>Typed helpers over <see cref="IAsiArchComponent.GetService"/>.</summary>
public static class AsiArchComponentExtensions
{
    /// <summary>Returns the <typeparamref name="TService"/> held by <paramref name="component"/> or one it wraps, or <see langword="null"/>.</summary>
    public static TService? GetService<TService>(this IAsiArchComponent component, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.GetService(typeof(TService), serviceKey) as TService;
    }

    /// <summary>
    /// The standard answer of a component to <see cref="IAsiArchComponent.GetService"/>: itself when it is of the asked
    /// type and no key is given, otherwise whatever <paramref name="inner"/> answers.
    /// </summary>
    public static object? ResolveService(object self, IAsiArchComponent? inner, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(self))
        {
            return self;
        }

        return inner?.GetService(serviceType, serviceKey);
    }
}
