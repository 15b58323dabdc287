using AsiArch.Sdk.Composition;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>DI registration of the PostgreSQL experiment and cognition stores.</summary>
public static class PostgreSqlAsiArchBuilderExtensions
{
    /// <summary>
    /// Uses <see cref="PostgreSqlExperimentStore"/> and <see cref="PostgreSqlCognitionStore"/> (one database and schema),
    /// with <see cref="PostgreSqlStoreOptions"/> bound from <c>AsiArch:Store:PostgreSql</c> and changed by
    /// <paramref name="configure"/>, validated when the host starts (errors name the setting). A registered
    /// <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c> ranks cognition; otherwise the built-in hashing embedder.
    /// </summary>
    public static AsiArchBuilder UsePostgreSqlStores(this AsiArchBuilder builder, Action<PostgreSqlStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<PostgreSqlStoreOptions>("Store:PostgreSql", Validate);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new PostgreSqlExperimentStore(
            sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value, sp.GetService<TimeProvider>())));
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new PostgreSqlCognitionStore(
            sp.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value,
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetService<TimeProvider>())));
        return builder
            .UseExperimentStore(sp => sp.GetRequiredService<PostgreSqlExperimentStore>())
            .UseCognitionStore(sp => sp.GetRequiredService<PostgreSqlCognitionStore>());
    }

    /// <summary>Uses the PostgreSQL stores on <paramref name="connectionString"/> (schema <c>public</c> unless configured).</summary>
    public static AsiArchBuilder UsePostgreSqlStores(this AsiArchBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UsePostgreSqlStores(o => o.ConnectionString = connectionString);
    }

    private static string? Validate(PostgreSqlStoreOptions options)
    {
        try
        {
            options.Validate();
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
