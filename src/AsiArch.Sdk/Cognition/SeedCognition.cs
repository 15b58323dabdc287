namespace AsiArch.Sdk.Cognition;

/// <summary>
/// The knowledge base shipped with the package: entries on efficient sequence modelling distilled from published papers
/// (linear attention, RetNet, GLA, Mamba/Mamba-2, DeltaNet, Gated DeltaNet, RWKV, HGRN, Based, Hyena, H3, S4, xLSTM,
/// TTT, Titans, Hedgehog, Performer, cosFormer, Zoology, ...), each keyed by the symptoms that should trigger it and
/// saying how to act on it with the SDK's blocks.
/// </summary>
public static class SeedCognition
{
    private const string ResourceSuffix = "Cognition.Resources.seed-cognition.json";

    /// <summary>The seed entries, parsed from the embedded resource.</summary>
    public static IReadOnlyList<CognitionEntry> Entries()
    {
        var assembly = typeof(SeedCognition).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The seed cognition resource (*{ResourceSuffix}) is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return CognitionDocument.Parse(reader.ReadToEnd()).Entries;
    }

    /// <summary>
    /// Adds every seed entry that is missing from <paramref name="store"/> or differs from the stored one; entries already
    /// present unchanged are skipped, so loading twice changes nothing. Returns the number added or updated.
    /// </summary>
    public static async Task<int> LoadAsync(ICognitionStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var changed = 0;
        foreach (var entry in Entries())
        {
            var existing = await store.GetAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            if (existing is not null && existing == entry)
            {
                continue;
            }

            await store.AddAsync(entry, cancellationToken).ConfigureAwait(false);
            changed++;
        }

        return changed;
    }
}
