namespace AsiArch.Sdk.Discovery;

/// <summary>An <see cref="ISeedCatalog"/> over a fixed list.</summary>
public sealed class SeedCatalog : ISeedCatalog
{
    /// <summary>Creates the catalog.</summary>
    /// <exception cref="ArgumentException">Two entries share a name, or one has an empty name or source.</exception>
    public SeedCatalog(IEnumerable<SeedArchitecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        All = architectures.ToList();
        foreach (var a in All)
        {
            if (string.IsNullOrWhiteSpace(a.Name) || string.IsNullOrWhiteSpace(a.Source))
            {
                throw new ArgumentException("Every seed architecture needs a name and a source.", nameof(architectures));
            }
        }

        var duplicate = All.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Seed architecture '{duplicate.Key}' is listed twice.", nameof(architectures));
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SeedArchitecture> All { get; }
}
