using System.Globalization;
using System.Text;

namespace AsiArch.Sdk.Offline;

/// <summary>Writes the motivation of an evolutionary proposal in words, grounded in the parent's measured results.</summary>
public static class MotivationWriter
{
    /// <summary>Writes the motivation for <paramref name="child"/>, derived from <paramref name="parentGenome"/> by <paramref name="op"/>.</summary>
    /// <param name="parent">The parent experiment (null when proposing from scratch).</param>
    /// <param name="parentGenome">The parent's genome.</param>
    /// <param name="child">The proposed genome.</param>
    /// <param name="op">The operator used.</param>
    /// <param name="reference">The crossover reference, if any.</param>
    /// <param name="baselines">Baselines for comparisons.</param>
    /// <param name="cognition">Retrieved knowledge to cite.</param>
    public static string Write(
        ExperimentRecord? parent,
        LinearAttentionGenome parentGenome,
        LinearAttentionGenome child,
        EvolutionOperator op,
        ExperimentRecord? reference,
        IReadOnlyList<ExperimentRecord> baselines,
        IReadOnlyList<CognitionHit> cognition)
    {
        ArgumentNullException.ThrowIfNull(parentGenome);
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(baselines);
        ArgumentNullException.ThrowIfNull(cognition);
        var sb = new StringBuilder();
        var changes = child.DiffFrom(parentGenome);
        var evidence = parent is null ? null : ParentEvidence.From(parent, baselines);
        var weakest = evidence?.Weakest;
        var because = weakest is { } w
            ? $"the parent's {w.Task} {w.Metric} is {F(w.Value)} against {F(w.BestBaseline!.Value)} for the best baseline ({w.BestBaselineName})"
            : evidence is { Fitness: { } f }
                ? $"the parent's fitness is {F(f)} and no baseline comparison points to a single weak task"
                : "no measured result is available yet, so the change tests a hypothesis from the literature";

        if (op == EvolutionOperator.RandomSample)
        {
            sb.Append("Samples a fresh point of the linear-attention design space: ").Append(child.Describe()).Append(". ");
        }
        else if (op == EvolutionOperator.Crossover)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Crosses the parent with reference {reference?.Name ?? "design"}{(reference is null ? "" : $" (#{reference.Index})")}, ");
            sb.Append("taking ").Append(changes.Count == 0 ? "no genes" : string.Join(", ", changes.Select(c => c.Gene))).Append(" from the reference, because ").Append(because).Append(". ");
        }

        foreach (var (gene, from, to) in changes)
        {
            var lead = op is EvolutionOperator.RandomSample or EvolutionOperator.Crossover ? "" : $"Because {because}, ";
            sb.Append(Capitalize($"{lead}changes {gene} from {from} to {to}: {Rationale(gene, to)}")).Append(' ');
            because = because.Length > 0 && op is not (EvolutionOperator.RandomSample or EvolutionOperator.Crossover)
                ? "the same evidence holds"
                : because;
        }

        if (evidence is not null)
        {
            sb.Append("Evidence: ").Append(evidence.Summary()).Append(". ");
        }

        var cite = cognition.Where(h => h.Entry.Source is not null).Take(2).ToList();
        if (cite.Count > 0)
        {
            sb.Append("Related knowledge: ")
              .Append(string.Join("; ", cite.Select(h => $"{h.Entry.Source!.Title}{(h.Entry.Source.ArxivId is { } id ? $" (arXiv {id})" : "")}")))
              .Append(". ");
        }

        sb.Append("Expected: ").Append(Expectation(changes, weakest)).Append(" The result is: ").Append(child.Describe()).Append('.');
        return sb.ToString();
    }

    private static string Expectation(IReadOnlyList<(string Gene, string From, string To)> changes, ParentEvidence.TaskFact? weakest)
    {
        var target = weakest is null ? "the benchmark mean" : $"{weakest.Task} {weakest.Metric}";
        return changes.Count == 0
            ? "no change in quality; the run measures noise."
            : $"{target} moves toward the best baseline without raising the language-modelling loss.";
    }

    /// <summary>Why a gene value is worth trying, in one sentence.</summary>
    public static string Rationale(string gene, string value) => (gene, value) switch
    {
        ("UpdateRule", "DeltaRule") => "the delta rule overwrites the value stored under a key instead of adding to it, so earlier associations stop interfering as pairs accumulate (recall).",
        ("UpdateRule", "GatedDeltaRule") => "a data-dependent decay on top of the delta rule lets the state clear stale associations at context shifts while keeping targeted overwrites.",
        ("UpdateRule", "DataDependentDecay") => "per-token forgetting (GLA/Mamba2 style) lets the layer drop irrelevant context, which selective copying and language modelling reward.",
        ("UpdateRule", "FixedDecay") => "a fixed per-head decay (RetNet) gives heads different memory horizons at no parameter cost.",
        ("UpdateRule", "Additive") => "removing forgetting tests whether the parent's decay or overwrite discards information recall needs (an ablation).",
        ("FeatureMap", "Taylor2") => "a second-order Taylor map approximates exp(q.k) (Based), sharpening retrieval at the price of a larger state.",
        ("FeatureMap", "Softmax") => "a softmax feature map keeps features positive and normalised, which steadies the read-out of an unnormalised state.",
        ("FeatureMap", "Identity") => "dropping the feature map lets q.k be negative, which the delta rule and L2 keys tolerate and which doubles usable key directions.",
        ("FeatureMap", _) => "a different positive feature map changes which key directions overlap, and so how much stored pairs interfere.",
        ("QkNorm", "L2") => "unit-norm queries and keys bound every write and keep the state's scale independent of token magnitude.",
        ("QkNorm", _) => "without normalisation the key magnitude can carry how important a write is.",
        ("WriteStrength", "DataDependent") => "a per-token write strength lets each token decide how strongly it is stored.",
        ("WriteStrength", "LearnedPerHead") => "one learned write strength per head is a cheaper, steadier learning rate for the state.",
        ("WriteStrength", _) => "a unit write removes a gate to test whether it earns its parameters.",
        ("ConvQ" or "ConvK" or "ConvV", "On") => "a short causal convolution lets the token see its immediate predecessors before it is written, the local mixing associative recall needs at small scale.",
        ("ConvQ" or "ConvK" or "ConvV", _) => "removing a short convolution tests whether the local mixing is needed on that path (an ablation).",
        ("ConvKernel", _) => "a different kernel size changes how many predecessors each projection sees.",
        ("OutputGate", "Sigmoid") => "a sigmoid output gate lets the layer suppress read-outs where the state is unreliable.",
        ("OutputGate", _) => "removing the output gate simplifies the read-out (an ablation).",
        ("OutputNorm", "RmsNorm") => "a per-head RMSNorm on the read-out fixes the scale drift of an accumulating state.",
        ("OutputNorm", "GatedRmsNorm") => "a gated RMSNorm (Mamba2/Gated DeltaNet) normalises the read-out and gates it with silu of the input.",
        ("OutputNorm", _) => "removing the output norm tests whether the read-out is already well scaled.",
        ("Heads", "Half") => "fewer, larger heads give each state more capacity (key x value associations per head).",
        ("Heads", "Double") => "more, smaller heads give more independent memories with different horizons.",
        ("Heads", _) => "the profile's head count restores the baseline split.",
        ("KeyExpansion", _) => "the key width sets how many near-orthogonal directions the state has, trading interference against speed (state expansion).",
        ("ValueExpansion", _) => "the value width sets how much each stored association can carry.",
        ("ChunkSize", _) => "the chunk size trades intra-chunk quadratic work against inter-chunk state passes (speed only).",
        ("SlidingWindow", "0") => "removing the window branch tests whether the linear state alone suffices.",
        ("SlidingWindow", _) => "an exact softmax branch over a short window gives precise local recall and copying that a compressed state blurs (Based, Samba, Griffin).",
        ("BranchMixing", _) => "a different mixing lets the model weigh the local and the linear branch per head or per token.",
        _ => "it explores a neighbouring design.",
    };

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
