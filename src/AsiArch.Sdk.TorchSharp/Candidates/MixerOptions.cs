namespace AsiArch.Sdk.TorchSharp;

/// <summary>
/// What a candidate mixer is built for: the constructor argument of every mixer under the candidate contract
/// (one public sealed class deriving <c>torch.nn.Module&lt;Tensor, Tensor&gt;</c> with a constructor taking this).
/// </summary>
public sealed record MixerOptions
{
    /// <summary>Width of the residual stream; the mixer maps <c>[B, T, ModelDim]</c> to <c>[B, T, ModelDim]</c>.</summary>
    public required int ModelDim { get; init; }

    /// <summary>Number of heads; <see cref="ModelDim"/> is a multiple of it.</summary>
    public required int NumHeads { get; init; }

    /// <summary>Zero-based index of the layer this mixer sits in (lets a design vary with depth).</summary>
    public int LayerIndex { get; init; }

    /// <summary>Number of layers in the backbone.</summary>
    public int NumLayers { get; init; } = 1;

    /// <summary>Chunk length for chunkwise sequence ops (see <c>Blocks.SequenceOps</c>).</summary>
    public int ChunkSize { get; init; } = 64;

    /// <summary>Per-head width, <see cref="ModelDim"/> / <see cref="NumHeads"/>.</summary>
    public int HeadDim => NumHeads > 0 ? ModelDim / NumHeads : 0;

    /// <summary>Throws when the values cannot describe a mixer.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, the model width is not a multiple of the
    /// head count, or the layer index is out of range.</exception>
    public void Validate()
    {
        if (ModelDim < 1 || NumHeads < 1 || NumLayers < 1 || ChunkSize < 1)
        {
            throw new ArgumentException(
                $"ModelDim ({ModelDim}), NumHeads ({NumHeads}), NumLayers ({NumLayers}) and ChunkSize ({ChunkSize}) must all be positive.");
        }

        if (ModelDim % NumHeads != 0)
        {
            throw new ArgumentException($"ModelDim ({ModelDim}) must be a multiple of NumHeads ({NumHeads}).");
        }

        if (LayerIndex < 0 || LayerIndex >= NumLayers)
        {
            throw new ArgumentException($"LayerIndex ({LayerIndex}) must be in [0, NumLayers = {NumLayers}).");
        }
    }
}
