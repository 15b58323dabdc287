using System.Globalization;
using Newtonsoft.Json;

namespace AsiArch.Sdk.Offline;

/// <summary>
/// One point of the evolutionary researcher's design space: a token mixer of the linear-attention family. The default
/// value is DeltaNet as ASI-ARCH seeds it (silu + L2 q/k, delta rule, data-dependent β, short convolutions on q/k/v,
/// RMSNorm read-out, no gate). Use <see cref="Canonicalize"/> to bring any combination inside the space.
/// </summary>
public sealed record LinearAttentionGenome
{
    /// <summary>Allowed key expansions (key width / model width).</summary>
    public static IReadOnlyList<double> KeyExpansions { get; } = [0.5, 1.0, 2.0];

    /// <summary>Allowed value expansions (value width / model width).</summary>
    public static IReadOnlyList<double> ValueExpansions { get; } = [1.0, 2.0];

    /// <summary>Allowed chunk sizes; 0 means the profile's <c>MixerOptions.ChunkSize</c>.</summary>
    public static IReadOnlyList<int> ChunkSizes { get; } = [0, 16, 32, 64];

    /// <summary>Allowed short-convolution kernel sizes.</summary>
    public static IReadOnlyList<int> ConvKernelSizes { get; } = [2, 3, 4];

    /// <summary>Allowed sliding-window sizes; 0 means no window branch.</summary>
    public static IReadOnlyList<int> SlidingWindows { get; } = [0, 16, 32, 64];

    /// <summary>Feature map on q and k.</summary>
    public FeatureMapKind FeatureMap { get; init; } = FeatureMapKind.Silu;

    /// <summary>Normalisation of q and k.</summary>
    public QkNormalization QkNorm { get; init; } = QkNormalization.L2;

    /// <summary>State update rule.</summary>
    public StateUpdateRule UpdateRule { get; init; } = StateUpdateRule.DeltaRule;

    /// <summary>Form of β.</summary>
    public WriteStrength WriteStrength { get; init; } = WriteStrength.DataDependent;

    /// <summary>Short causal convolution on the query projection.</summary>
    public bool ConvQ { get; init; } = true;

    /// <summary>Short causal convolution on the key projection.</summary>
    public bool ConvK { get; init; } = true;

    /// <summary>Short causal convolution on the value projection.</summary>
    public bool ConvV { get; init; } = true;

    /// <summary>Kernel size of the short convolutions (one of <see cref="ConvKernelSizes"/>).</summary>
    public int ConvKernel { get; init; } = 4;

    /// <summary>Output gate.</summary>
    public OutputGateKind OutputGate { get; init; } = OutputGateKind.None;

    /// <summary>Output norm.</summary>
    public OutputNormKind OutputNorm { get; init; } = OutputNormKind.RmsNorm;

    /// <summary>Head count relative to the profile.</summary>
    public HeadCount Heads { get; init; } = HeadCount.Profile;

    /// <summary>Key width / model width (one of <see cref="KeyExpansions"/>).</summary>
    public double KeyExpansion { get; init; } = 1.0;

    /// <summary>Value width / model width (one of <see cref="ValueExpansions"/>).</summary>
    public double ValueExpansion { get; init; } = 1.0;

    /// <summary>Chunk size of the chunked kernels; 0 uses the profile's (one of <see cref="ChunkSizes"/>).</summary>
    public int ChunkSize { get; init; }

    /// <summary>Window of the sliding-window softmax branch; 0 means none (one of <see cref="SlidingWindows"/>).</summary>
    public int SlidingWindow { get; init; }

    /// <summary>How the window branch is mixed in (canonically <see cref="BranchMixing.Sum"/> when there is none).</summary>
    public BranchMixing BranchMixing { get; init; } = BranchMixing.Sum;

    /// <summary>DeltaNet, the ASI-ARCH seed.</summary>
    public static LinearAttentionGenome DeltaNet { get; } = new();

    /// <summary>True when a convolution is on any of q, k, v.</summary>
    [JsonIgnore]
    public bool HasShortConvolution => ConvQ || ConvK || ConvV;

    /// <summary>True for the delta and gated delta rules.</summary>
    [JsonIgnore]
    public bool UsesDeltaRule => UpdateRule is StateUpdateRule.DeltaRule or StateUpdateRule.GatedDeltaRule;

    /// <summary>
    /// The genome moved inside the space, with every irrelevant gene set to its canonical value so equal designs compare
    /// equal. Rules (each avoids a design that cannot train or a gene that has no effect):
    /// <list type="bullet">
    /// <item>values off the allowed lists snap to the nearest allowed value;</item>
    /// <item>the delta rules need L2-normalised keys and a write strength (an unnormalised or unit write diverges);</item>
    /// <item>Taylor2 expands keys to 1 + d + d², so it uses key expansion 0.5;</item>
    /// <item>without q/k normalisation the read-out needs an output norm (the state grows without bound);</item>
    /// <item>the gated RMSNorm carries its own gate, so no second sigmoid gate;</item>
    /// <item>the kernel size is 4 when no convolution is on, the mixing is Sum when there is no window.</item>
    /// </list>
    /// </summary>
    public LinearAttentionGenome Canonicalize()
    {
        var g = this with
        {
            FeatureMap = Defined(FeatureMap, FeatureMapKind.Silu),
            QkNorm = Defined(QkNorm, QkNormalization.L2),
            UpdateRule = Defined(UpdateRule, StateUpdateRule.DeltaRule),
            WriteStrength = Defined(WriteStrength, WriteStrength.DataDependent),
            OutputGate = Defined(OutputGate, OutputGateKind.None),
            OutputNorm = Defined(OutputNorm, OutputNormKind.RmsNorm),
            Heads = Defined(Heads, HeadCount.Profile),
            BranchMixing = Defined(BranchMixing, BranchMixing.Sum),
            KeyExpansion = Nearest(KeyExpansions, KeyExpansion),
            ValueExpansion = Nearest(ValueExpansions, ValueExpansion),
            ChunkSize = Nearest(ChunkSizes, ChunkSize),
            ConvKernel = Nearest(ConvKernelSizes, ConvKernel),
            SlidingWindow = Nearest(SlidingWindows, SlidingWindow),
        };
        if (g.UsesDeltaRule)
        {
            g = g with
            {
                QkNorm = QkNormalization.L2,
                WriteStrength = g.WriteStrength == WriteStrength.None ? WriteStrength.DataDependent : g.WriteStrength,
            };
        }

        if (g.FeatureMap == FeatureMapKind.Taylor2)
        {
            g = g with { KeyExpansion = 0.5 };
        }

        if (g.QkNorm == QkNormalization.None && g.OutputNorm == OutputNormKind.None)
        {
            g = g with { OutputNorm = OutputNormKind.RmsNorm };
        }

        if (g.OutputNorm == OutputNormKind.GatedRmsNorm)
        {
            g = g with { OutputGate = OutputGateKind.None };
        }

        if (!g.HasShortConvolution)
        {
            g = g with { ConvKernel = 4 };
        }

        if (g.SlidingWindow == 0)
        {
            g = g with { BranchMixing = BranchMixing.Sum };
        }

        return g;
    }

    /// <summary>True when the genome is already canonical (inside the space).</summary>
    [JsonIgnore]
    public bool IsCanonical => Equals(Canonicalize());

    /// <summary>
    /// Distance to another genome in [0, 1]: the weighted share of genes that differ. Modelling genes (update rule,
    /// feature map, write strength, window) weigh more than computational ones (chunk size), so two designs that differ
    /// only in chunk size are near-identical.
    /// </summary>
    public double DistanceTo(LinearAttentionGenome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var a = Canonicalize();
        var b = other.Canonicalize();
        double d = 0;
        void Add(bool differs, double weight)
        {
            if (differs)
            {
                d += weight;
            }
        }

        Add(a.UpdateRule != b.UpdateRule, 3);
        Add(a.FeatureMap != b.FeatureMap, 2);
        Add(a.QkNorm != b.QkNorm, 1);
        Add(a.WriteStrength != b.WriteStrength, 1.5);
        Add(a.ConvQ != b.ConvQ, 0.5);
        Add(a.ConvK != b.ConvK, 0.5);
        Add(a.ConvV != b.ConvV, 0.5);
        Add(a.ConvKernel != b.ConvKernel, 0.25);
        Add(a.OutputGate != b.OutputGate, 1);
        Add(a.OutputNorm != b.OutputNorm, 1);
        Add(a.Heads != b.Heads, 1);
        Add(a.KeyExpansion != b.KeyExpansion, 0.75);
        Add(a.ValueExpansion != b.ValueExpansion, 0.75);
        Add(a.ChunkSize != b.ChunkSize, 0.25);
        Add(a.SlidingWindow != b.SlidingWindow, 2);
        Add(a.BranchMixing != b.BranchMixing, 0.75);
        return d / TotalWeight;
    }

    // Sum of the weights in DistanceTo.
    private const double TotalWeight = 3 + 2 + 1 + 1.5 + 0.5 * 3 + 0.25 + 1 + 1 + 1 + 0.75 + 0.75 + 0.25 + 2 + 0.75;

    /// <summary>A short identifier-like descriptor, e.g. <c>delta_silu_l2_conv4_rms</c>.</summary>
    public string ShortName()
    {
        var rule = UpdateRule switch
        {
            StateUpdateRule.Additive => "linear",
            StateUpdateRule.FixedDecay => "retention",
            StateUpdateRule.DataDependentDecay => "gla",
            StateUpdateRule.DeltaRule => "delta",
            _ => "gated_delta",
        };
        var parts = new List<string> { rule, FeatureMap.ToString().ToLowerInvariant() };
        if (QkNorm == QkNormalization.L2)
        {
            parts.Add("l2");
        }

        if (HasShortConvolution)
        {
            parts.Add("conv" + (ConvQ ? "q" : "") + (ConvK ? "k" : "") + (ConvV ? "v" : ""));
        }

        if (OutputGate == OutputGateKind.Sigmoid || OutputNorm == OutputNormKind.GatedRmsNorm)
        {
            parts.Add("gated");
        }

        if (SlidingWindow > 0)
        {
            parts.Add("swa" + SlidingWindow.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('_', parts);
    }

    /// <summary>A one-line description in words.</summary>
    public string Describe()
    {
        var conv = HasShortConvolution
            ? $"short convolutions (kernel {ConvKernel}) on {string.Join('/', new[] { ConvQ ? "q" : null, ConvK ? "k" : null, ConvV ? "v" : null }.Where(s => s is not null))}"
            : "no short convolutions";
        var window = SlidingWindow > 0 ? $", a {SlidingWindow}-token sliding-window branch mixed by {Words(BranchMixing)}" : "";
        return $"{Words(UpdateRule)} with {Words(FeatureMap)} feature map, {(QkNorm == QkNormalization.L2 ? "L2-normalised" : "unnormalised")} q/k, "
            + $"{Words(WriteStrength)} write strength, {conv}, {Words(OutputNorm)} read-out{(OutputGate == OutputGateKind.Sigmoid ? " with a sigmoid output gate" : "")}, "
            + $"{Words(Heads)} heads, key x{KeyExpansion.ToString(CultureInfo.InvariantCulture)}, value x{ValueExpansion.ToString(CultureInfo.InvariantCulture)}, "
            + $"chunk {(ChunkSize == 0 ? "from the profile" : ChunkSize.ToString(CultureInfo.InvariantCulture))}{window}";
    }

    /// <summary>The value of each gene in words, keyed by gene name (used for diffs and regression features).</summary>
    public IReadOnlyDictionary<string, string> Genes() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(FeatureMap)] = FeatureMap.ToString(),
        [nameof(QkNorm)] = QkNorm.ToString(),
        [nameof(UpdateRule)] = UpdateRule.ToString(),
        [nameof(WriteStrength)] = WriteStrength.ToString(),
        [nameof(ConvQ)] = ConvQ ? "On" : "Off",
        [nameof(ConvK)] = ConvK ? "On" : "Off",
        [nameof(ConvV)] = ConvV ? "On" : "Off",
        [nameof(ConvKernel)] = ConvKernel.ToString(CultureInfo.InvariantCulture),
        [nameof(OutputGate)] = OutputGate.ToString(),
        [nameof(OutputNorm)] = OutputNorm.ToString(),
        [nameof(Heads)] = Heads.ToString(),
        [nameof(KeyExpansion)] = KeyExpansion.ToString(CultureInfo.InvariantCulture),
        [nameof(ValueExpansion)] = ValueExpansion.ToString(CultureInfo.InvariantCulture),
        [nameof(ChunkSize)] = ChunkSize.ToString(CultureInfo.InvariantCulture),
        [nameof(SlidingWindow)] = SlidingWindow.ToString(CultureInfo.InvariantCulture),
        [nameof(BranchMixing)] = BranchMixing.ToString(),
    };

    /// <summary>The genes whose values differ from <paramref name="other"/>, as (gene, this value, other value).</summary>
    public IReadOnlyList<(string Gene, string From, string To)> DiffFrom(LinearAttentionGenome other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Genes();
        return other.Genes().Where(kv => mine[kv.Key] != kv.Value).Select(kv => (kv.Key, kv.Value, mine[kv.Key])).ToList();
    }

    internal static string Words(StateUpdateRule rule) => rule switch
    {
        StateUpdateRule.Additive => "additive linear attention",
        StateUpdateRule.FixedDecay => "fixed-decay retention",
        StateUpdateRule.DataDependentDecay => "data-dependent decay (GLA-style)",
        StateUpdateRule.DeltaRule => "the delta rule",
        _ => "the gated delta rule",
    };

    internal static string Words(FeatureMapKind map) => map switch
    {
        FeatureMapKind.EluPlusOne => "an elu+1",
        FeatureMapKind.Identity => "an identity",
        FeatureMapKind.Relu => "a relu",
        FeatureMapKind.Silu => "a silu",
        FeatureMapKind.Softmax => "a softmax",
        _ => "a second-order Taylor",
    };

    internal static string Words(WriteStrength strength) => strength switch
    {
        WriteStrength.None => "unit",
        WriteStrength.LearnedPerHead => "per-head learned",
        _ => "data-dependent",
    };

    internal static string Words(OutputNormKind norm) => norm switch
    {
        OutputNormKind.None => "an unnormalised",
        OutputNormKind.RmsNorm => "an RMSNorm",
        _ => "a gated-RMSNorm",
    };

    internal static string Words(HeadCount heads) => heads switch
    {
        HeadCount.Half => "half the profile's",
        HeadCount.Double => "twice the profile's",
        _ => "the profile's",
    };

    internal static string Words(BranchMixing mixing) => mixing switch
    {
        BranchMixing.Sum => "a sum",
        BranchMixing.LearnedScalar => "a learned per-head scalar gate",
        _ => "a data-dependent gate",
    };

    private static T Defined<T>(T value, T fallback)
        where T : struct, Enum => Enum.IsDefined(value) ? value : fallback;

    private static double Nearest(IReadOnlyList<double> allowed, double value) =>
        double.IsFinite(value) ? allowed.MinBy(a => Math.Abs(a - value)) : allowed[0];

    private static int Nearest(IReadOnlyList<int> allowed, int value) => allowed.MinBy(a => Math.Abs(a - value));
}
