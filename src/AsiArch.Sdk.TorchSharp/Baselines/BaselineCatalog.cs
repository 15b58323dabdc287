namespace AsiArch.Sdk.TorchSharp.Baselines;

/// <summary>The human baselines every run is measured against (DESIGN.md §7), with their embedded sources.</summary>
public static class BaselineCatalog
{
    private static readonly Lazy<IReadOnlyList<BaselineInfo>> Entries = new(Create);

    /// <summary>All baselines, strongest-recall first (softmax attention) to the delta-rule family.</summary>
    public static IReadOnlyList<BaselineInfo> All => Entries.Value;

    /// <summary>Finds a baseline by <see cref="BaselineInfo.Name"/> (case-insensitive) or by its class name.</summary>
    /// <param name="name">E.g. "DeltaNet", "deltanet" or "DeltaNetMixer".</param>
    /// <exception cref="KeyNotFoundException">No such baseline; the message lists the valid names.</exception>
    public static BaselineInfo Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(b =>
                   string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)
                   || string.Equals(b.TypeName, name, StringComparison.Ordinal)
                   || string.Equals(b.TypeName[(b.TypeName.LastIndexOf('.') + 1)..], name, StringComparison.OrdinalIgnoreCase))
               ?? throw new KeyNotFoundException(
                   $"Unknown baseline '{name}'. Known baselines: {string.Join(", ", All.Select(b => b.Name))}.");
    }

    private static IReadOnlyList<BaselineInfo> Create() =>
    [
        Entry<SoftmaxAttentionMixer>("Transformer", o => new SoftmaxAttentionMixer(o),
            "Multi-head causal softmax attention with rotary position embeddings on its RMS-normalised input; quadratic in length, strongest at recall."),
        Entry<LinearAttentionMixer>("LinearAttention", o => new LinearAttentionMixer(o),
            "Normalised linear attention with the elu+1 feature map and no decay on its RMS-normalised input (Katharopoulos et al. 2020); the weakest recall baseline."),
        Entry<RetNetMixer>("RetNet", o => new RetNetMixer(o),
            "Retention: linear attention with a fixed multi-scale per-head decay, per-head RMS norm and SiLU output gate (Sun et al. 2023)."),
        Entry<GlaMixer>("GLA", o => new GlaMixer(o),
            "Gated linear attention: a data-dependent per-head forget gate through a low-rank projection, gated RMS output norm (Yang et al. 2024)."),
        Entry<Mamba2Mixer>("Mamba2", o => new Mamba2Mixer(o),
            "Mamba2-style selective SSM: scalar per-head decay exp(softplus(dt)·A), input-dependent B and C, short conv, D skip, gated norm (Dao and Gu 2024)."),
        Entry<DeltaNetMixer>("DeltaNet", o => new DeltaNetMixer(o),
            "Delta rule with L2-normalised SiLU q/k, sigmoid write strength, short convs on q/k/v and per-head RMS output norm; ASI-ARCH's seed (Yang et al. 2024)."),
        Entry<GatedDeltaNetMixer>("GatedDeltaNet", o => new GatedDeltaNetMixer(o),
            "Delta rule with a Mamba2-style data-dependent decay and a SiLU-gated RMS output norm (Yang et al. 2025)."),
    ];

    private static BaselineInfo Entry<T>(string name, MixerFactory factory, string description)
    {
        var type = typeof(T);
        return new BaselineInfo
        {
            Name = name,
            TypeName = type.FullName!,
            Description = description,
            Source = ReadSource(type.Name),
            Factory = factory,
        };
    }

    private static string ReadSource(string fileName)
    {
        var resource = $"AsiArch.Sdk.TorchSharp.Baselines.{fileName}.cs";
        using var stream = typeof(BaselineCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded baseline source '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
