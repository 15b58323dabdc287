using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Llm;

/// <summary>
/// The chat client of each role: a role's own client when one is registered (keyed by the role name), else the
/// default client.
/// </summary>
public sealed class LlmClientSet
{
    private readonly Func<string, IChatClient?> _resolve;

    /// <summary>One client for every role, with optional per-role clients.</summary>
    public LlmClientSet(IChatClient defaultClient, IReadOnlyDictionary<string, IChatClient>? roleClients = null)
    {
        ArgumentNullException.ThrowIfNull(defaultClient);
        _resolve = role => roleClients is not null && roleClients.TryGetValue(role, out var client) ? client : defaultClient;
    }

    private LlmClientSet(Func<string, IChatClient?> resolve)
    {
        _resolve = resolve;
    }

    /// <summary>Resolves clients from DI: the keyed <see cref="IChatClient"/> of the role, else the unkeyed one.</summary>
    public static LlmClientSet FromServices(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new LlmClientSet(role =>
            services.GetKeyedService<IChatClient>(role) ?? services.GetService<IChatClient>());
    }

    /// <summary>The client of <paramref name="role"/>.</summary>
    /// <exception cref="InvalidOperationException">Neither a role client nor a default client is registered.</exception>
    public IChatClient Get(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        return _resolve(role) ?? throw new InvalidOperationException(
            $"No chat client for the '{role}' role: register an IChatClient keyed '{role}' or a default IChatClient " +
            "(or configure AsiArch:Llm:Provider).");
    }
}
