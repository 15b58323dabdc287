namespace AsiArch.Sdk;

/// <summary>
/// Base of every role: lets callers discover metadata and decorators in a pipeline, as
/// <c>Microsoft.Extensions.AI.IChatClient.GetService</c> does.
/// </summary>
public interface IAsiArchComponent
{
    /// <summary>Returns an object of <paramref name="serviceType"/> held by this component or one it wraps, or <see langword="null"/>.</summary>
    /// <param name="serviceType">The type of object wanted.</param>
    /// <param name="serviceKey">An optional key to tell several objects of the same type apart.</param>
    object? GetService(Type serviceType, object? serviceKey = null);
}
