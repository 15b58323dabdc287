namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>Shape of a <see cref="BackboneLm"/>: vocabulary, width, depth and the options handed to each mixer.</summary>
public sealed record BackboneOptions
{
    /// <summary>Token vocabulary (embedding rows and head outputs).</summary>
    public required int VocabSize { get; init; }

    /// <summary>Model (hidden) width.</summary>
    public int ModelDim { get; init; } = 64;

    /// <summary>Heads given to the mixer.</summary>
    public int NumHeads { get; init; } = 4;

    /// <summary>Backbone blocks.</summary>
    public int NumLayers { get; init; } = 2;

    /// <summary>Chunk size suggested to chunkwise mixers.</summary>
    public int ChunkSize { get; init; } = 64;

    /// <summary>Kernel of the short causal convolution in front of each mixer.</summary>
    public int ConvKernelSize { get; init; } = 4;

    /// <summary>Hidden width of the SwiGLU MLP; null uses 8/3 of <see cref="ModelDim"/> rounded up to a multiple of 16.</summary>
    public int? MlpHiddenDim { get; init; }

    /// <summary>The MLP hidden width actually used.</summary>
    public int EffectiveMlpHiddenDim => MlpHiddenDim ?? (int)(Math.Ceiling(ModelDim * 8.0 / 3.0 / 16.0) * 16);

    /// <summary>The backbone shape of <paramref name="profile"/> for a task with <paramref name="vocabSize"/> tokens.</summary>
    public static BackboneOptions FromProfile(TrainingProfile profile, int vocabSize)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new BackboneOptions
        {
            VocabSize = vocabSize,
            ModelDim = profile.ModelDim,
            NumHeads = profile.NumHeads,
            NumLayers = profile.NumLayers,
            ChunkSize = profile.ChunkSize,
        };
    }

    /// <summary>The options the mixer of layer <paramref name="layerIndex"/> is built with.</summary>
    public MixerOptions ForLayer(int layerIndex) => new()
    {
        ModelDim = ModelDim,
        NumHeads = NumHeads,
        LayerIndex = layerIndex,
        NumLayers = NumLayers,
        ChunkSize = ChunkSize,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"Backbone option {name} must be positive, got {value}.", name);
            }
        }

        Positive(VocabSize, nameof(VocabSize));
        Positive(ModelDim, nameof(ModelDim));
        Positive(NumHeads, nameof(NumHeads));
        Positive(NumLayers, nameof(NumLayers));
        Positive(ChunkSize, nameof(ChunkSize));
        Positive(ConvKernelSize, nameof(ConvKernelSize));
        Positive(EffectiveMlpHiddenDim, nameof(MlpHiddenDim));
        if (ModelDim % NumHeads != 0)
        {
            throw new ArgumentException($"ModelDim ({ModelDim}) must be divisible by NumHeads ({NumHeads}).", nameof(ModelDim));
        }
    }
}
