namespace AsiArch.Sdk.Offline;

/// <summary>
/// Finds the genome of any experiment: its design spec when it has one, otherwise the nearest genome inferred from the
/// name (baselines: <c>DeltaNet</c>, <c>GatedDeltaNet</c>, <c>GLA</c>, <c>RetNet</c>, <c>Mamba2</c>,
/// <c>LinearAttention</c>, <c>SoftmaxAttention</c>) or from the blocks its source calls; DeltaNet when nothing matches.
/// </summary>
public static class GenomeResolver
{
    /// <summary>The genome of a record (never null; see the type remarks for the fallbacks).</summary>
    public static LinearAttentionGenome Resolve(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return TryFromSpec(record) ?? FromName(record.Name) ?? FromSource(record.Program) ?? LinearAttentionGenome.DeltaNet;
    }

    /// <summary>The genome stored in the record's design spec, or null.</summary>
    public static LinearAttentionGenome? TryFromSpec(ExperimentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return DesignSpecDocument.TryParse(record.DesignSpec)?.Genome;
    }

    /// <summary>The genome nearest to a known baseline name, or null when the name is not recognised.</summary>
    public static LinearAttentionGenome? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        var delta = LinearAttentionGenome.DeltaNet;
        if (key.Contains("gateddelta", StringComparison.Ordinal))
        {
            return (delta with { UpdateRule = StateUpdateRule.GatedDeltaRule, OutputNorm = OutputNormKind.GatedRmsNorm }).Canonicalize();
        }

        if (key.Contains("deltanet", StringComparison.Ordinal) || key.StartsWith("delta", StringComparison.Ordinal))
        {
            return delta;
        }

        if (key.Contains("mamba", StringComparison.Ordinal))
        {
            return (delta with
            {
                UpdateRule = StateUpdateRule.DataDependentDecay,
                FeatureMap = FeatureMapKind.Silu,
                QkNorm = QkNormalization.None,
                WriteStrength = WriteStrength.DataDependent,
                OutputNorm = OutputNormKind.GatedRmsNorm,
            }).Canonicalize();
        }

        if (key.Contains("gla", StringComparison.Ordinal) || key.Contains("gatedlinear", StringComparison.Ordinal))
        {
            return (delta with
            {
                UpdateRule = StateUpdateRule.DataDependentDecay,
                FeatureMap = FeatureMapKind.Identity,
                QkNorm = QkNormalization.None,
                WriteStrength = WriteStrength.None,
                ConvQ = false,
                ConvK = false,
                ConvV = false,
                OutputNorm = OutputNormKind.GatedRmsNorm,
            }).Canonicalize();
        }

        if (key.Contains("retnet", StringComparison.Ordinal) || key.Contains("retention", StringComparison.Ordinal))
        {
            return (delta with
            {
                UpdateRule = StateUpdateRule.FixedDecay,
                FeatureMap = FeatureMapKind.Identity,
                QkNorm = QkNormalization.None,
                WriteStrength = WriteStrength.None,
                ConvQ = false,
                ConvK = false,
                ConvV = false,
                OutputNorm = OutputNormKind.GatedRmsNorm,
            }).Canonicalize();
        }

        if (key.Contains("linearattention", StringComparison.Ordinal))
        {
            return (delta with
            {
                UpdateRule = StateUpdateRule.Additive,
                FeatureMap = FeatureMapKind.EluPlusOne,
                QkNorm = QkNormalization.None,
                WriteStrength = WriteStrength.None,
                ConvQ = false,
                ConvK = false,
                ConvV = false,
                OutputNorm = OutputNormKind.RmsNorm,
            }).Canonicalize();
        }

        if (key.Contains("softmax", StringComparison.Ordinal) || key.Contains("transformer", StringComparison.Ordinal))
        {
            // Nearest linear-family design to full attention: a wide local softmax branch beside a linear one.
            return (delta with { SlidingWindow = 64, BranchMixing = BranchMixing.LearnedScalar }).Canonicalize();
        }

        return null;
    }

    /// <summary>A genome guessed from the block calls in a source file, or null when none is recognised.</summary>
    public static LinearAttentionGenome? FromSource(string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        StateUpdateRule? rule =
            source.Contains("ChunkedGatedDeltaRule", StringComparison.Ordinal) ? StateUpdateRule.GatedDeltaRule
            : source.Contains("ChunkedDeltaRule", StringComparison.Ordinal) ? StateUpdateRule.DeltaRule
            : source.Contains("RetNetLogDecay", StringComparison.Ordinal) ? StateUpdateRule.FixedDecay
            : source.Contains("ChunkedLinearAttention", StringComparison.Ordinal) && source.Contains("logsigmoid", StringComparison.Ordinal) ? StateUpdateRule.DataDependentDecay
            : source.Contains("ChunkedLinearAttention", StringComparison.Ordinal) ? StateUpdateRule.Additive
            : null;
        if (rule is null)
        {
            return null;
        }

        var hasConv = source.Contains("ShortConvolution", StringComparison.Ordinal);
        var window = source.Contains("SlidingWindowAttention", StringComparison.Ordinal) ? 32 : 0;
        return (LinearAttentionGenome.DeltaNet with
        {
            UpdateRule = rule.Value,
            ConvQ = hasConv,
            ConvK = hasConv,
            ConvV = hasConv,
            SlidingWindow = window,
            QkNorm = source.Contains("L2Normalize", StringComparison.Ordinal) ? QkNormalization.L2 : QkNormalization.None,
            OutputNorm = source.Contains("GatedRmsNorm", StringComparison.Ordinal) ? OutputNormKind.GatedRmsNorm
                : source.Contains("RmsNorm", StringComparison.Ordinal) ? OutputNormKind.RmsNorm : OutputNormKind.None,
        }).Canonicalize();
    }
}
