using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>
/// The fixed language model every mixer is trained in (DESIGN.md §7): token embedding, N blocks of
/// [RMSNorm, short causal convolution, mixer, residual; RMSNorm, SwiGLU MLP, residual], final RMSNorm and an untied
/// linear head. Maps token ids <c>[batch, time]</c> (int64) to logits <c>[batch, time, vocab]</c>.
/// </summary>
public sealed class BackboneLm : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly ModuleList<BackboneBlock> blocks;
    private readonly RmsNorm finalNorm;
    private readonly Linear head;

    /// <summary>Builds the model, calling <paramref name="mixerFactory"/> once per layer.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="InvalidOperationException">The factory returned null.</exception>
    public BackboneLm(BackboneOptions options, MixerFactory mixerFactory)
        : base(nameof(BackboneLm))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mixerFactory);
        options.Validate();
        Options = options;
        embedding = nn.Embedding(options.VocabSize, options.ModelDim);
        var list = new BackboneBlock[options.NumLayers];
        for (var i = 0; i < list.Length; i++)
        {
            var mixer = mixerFactory(options.ForLayer(i))
                ?? throw new InvalidOperationException($"The mixer factory returned null for layer {i}.");
            list[i] = new BackboneBlock(options, i, mixer);
        }

        blocks = nn.ModuleList(list);
        finalNorm = new RmsNorm(options.ModelDim);
        head = nn.Linear(options.ModelDim, options.VocabSize, hasBias: false);
        RegisterComponents();

        using (no_grad())
        {
            // GPT-style small embedding init; the default N(0, 1) makes the residual stream start far larger than the
            // blocks' outputs.
            nn.init.normal_(embedding.weight, 0, 0.02);
        }

        Parameters = CountParameters(this);
        MixerParameters = blocks.Sum(b => CountParameters(b.Mixer));
        EmbeddingParameters = CountParameters(embedding);
    }

    /// <summary>The shape this model was built with.</summary>
    public BackboneOptions Options { get; }

    /// <summary>Trainable parameters of the whole model.</summary>
    public long Parameters { get; }

    /// <summary>Trainable parameters of all mixers together (the candidate's share).</summary>
    public long MixerParameters { get; }

    /// <summary>Trainable parameters of the token embedding (a lookup, not a matmul).</summary>
    public long EmbeddingParameters { get; }

    /// <summary>The blocks, in order.</summary>
    public IReadOnlyList<BackboneBlock> Blocks => [.. blocks];

    /// <summary>
    /// Analytic training FLOPs per token: 6 per non-embedding parameter (forward and backward matmuls, the usual
    /// Kaplan/PaLM estimate), excluding the sequence-mixing term, so model FLOP utilisation computed from it is a
    /// lower bound and comparable across mixers.
    /// </summary>
    public double TrainingFlopsPerToken => 6.0 * (Parameters - EmbeddingParameters);

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        using var scope = NewDisposeScope();
        var x = embedding.forward(tokens);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return head.forward(finalNorm.forward(x)).MoveToOuterDisposeScope();
    }

    private static long CountParameters(nn.Module module) =>
        module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
}
