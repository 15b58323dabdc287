namespace AsiArch.Sdk.Composition;

/// <summary>The services of a pipeline built without dependency injection: none.</summary>
internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static EmptyServiceProvider Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
