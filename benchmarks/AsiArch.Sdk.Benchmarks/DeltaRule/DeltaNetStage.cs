namespace AsiArch.Sdk.Benchmarks.DeltaRule;

/// <summary>How much of a (Gated) DeltaNet layer <see cref="DeltaNetVariant"/> runs.</summary>
internal enum DeltaNetStage
{
    /// <summary>The whole layer, as the baseline.</summary>
    Full,

    /// <summary>The delta-rule op replaced by an elementwise pass-through of q, k, v, β (and the decay).</summary>
    OpReplaced,

    /// <summary>As <see cref="OpReplaced"/>, and the three short convolutions skipped.</summary>
    OpAndConvolutionsReplaced,

    /// <summary>Only the linear projections (in, β, decay, gate, out), summed.</summary>
    ProjectionsOnly,
}
