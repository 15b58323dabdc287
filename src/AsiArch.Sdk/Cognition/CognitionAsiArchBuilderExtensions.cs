using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Storage.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Cognition;

/// <summary>DI registration of <see cref="SqliteCognitionStore"/>.</summary>
public static class CognitionAsiArchBuilderExtensions
{
    /// <summary>
    /// Uses <see cref="SqliteCognitionStore"/> as the cognition store, with <see cref="SqliteCognitionStoreOptions"/> bound
    /// from <c>AsiArch:Cognition</c> and changed by <paramref name="configure"/>. Without a path it shares the experiment
    /// store's database (<c>AsiArch:Store:Path</c>). A registered <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>
    /// is used for the embedding ranking; otherwise the built-in hashing embedder.
    /// </summary>
    public static AsiArchBuilder UseSqliteCognitionStore(this AsiArchBuilder builder, Action<SqliteCognitionStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<SqliteCognitionStoreOptions>("Cognition");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure<IOptions<SqliteStoreOptions>>((o, store) =>
        {
            if (string.IsNullOrWhiteSpace(o.Path))
            {
                o.Path = store.Value.Path;
            }
        });
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new SqliteCognitionStore(
            sp.GetRequiredService<IOptions<SqliteCognitionStoreOptions>>().Value,
            sp.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
            sp.GetService<TimeProvider>())));
        return builder.UseCognitionStore(sp => sp.GetRequiredService<SqliteCognitionStore>());
    }

    /// <summary>Uses <see cref="SqliteCognitionStore"/> over the database file <paramref name="path"/>.</summary>
    public static AsiArchBuilder UseSqliteCognitionStore(this AsiArchBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseSqliteCognitionStore(o => o.Path = path);
    }
}
