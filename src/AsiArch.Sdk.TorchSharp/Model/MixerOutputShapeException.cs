namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>A mixer returned a tensor whose shape differs from its input's (the candidate contract requires equal shapes).</summary>
public sealed class MixerOutputShapeException : InvalidOperationException
{
    /// <summary>Creates the exception for the mixer of <paramref name="layerIndex"/>.</summary>
    public MixerOutputShapeException(string mixerType, int layerIndex, long[] expected, long[] actual)
        : base($"Mixer {mixerType} (layer {layerIndex}) returned shape [{string.Join(", ", actual)}] for an input of shape " +
               $"[{string.Join(", ", expected)}]; a mixer must map [batch, time, ModelDim] to the same shape.")
    {
        MixerType = mixerType;
        LayerIndex = layerIndex;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The mixer's type name.</summary>
    public string MixerType { get; }

    /// <summary>The layer it sits in.</summary>
    public int LayerIndex { get; }

    /// <summary>The input shape (what the output must be).</summary>
    public IReadOnlyList<long> Expected { get; }

    /// <summary>What the mixer returned.</summary>
    public IReadOnlyList<long> Actual { get; }
}
