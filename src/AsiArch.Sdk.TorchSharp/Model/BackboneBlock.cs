using AsiArch.Sdk.TorchSharp.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>
/// One backbone block: <c>h = x + mixer(conv(norm1(x)))</c>, then <c>h + mlp(norm2(h))</c>. The mixer's output
/// shape is checked on the first forward pass (later passes trust it, to stay cheap).
/// </summary>
public sealed class BackboneBlock : nn.Module<Tensor, Tensor>
{
    private readonly RmsNorm mixerNorm;
    private readonly ShortConvolution conv;
    private readonly nn.Module<Tensor, Tensor> mixer;
    private readonly RmsNorm mlpNorm;
    private readonly SwiGluMlp mlp;
    private readonly int _layerIndex;
    private bool _shapeChecked;

    /// <summary>Creates block <paramref name="layerIndex"/> around <paramref name="mixer"/>.</summary>
    public BackboneBlock(BackboneOptions options, int layerIndex, nn.Module<Tensor, Tensor> mixer)
        : base(nameof(BackboneBlock))
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mixer);
        _layerIndex = layerIndex;
        mixerNorm = new RmsNorm(options.ModelDim);
        conv = new ShortConvolution(options.ModelDim, options.ConvKernelSize);
        this.mixer = mixer;
        mlpNorm = new RmsNorm(options.ModelDim);
        mlp = new SwiGluMlp(options.ModelDim, options.EffectiveMlpHiddenDim);
        RegisterComponents();
    }

    /// <summary>The token mixer of this block.</summary>
    public nn.Module<Tensor, Tensor> Mixer => mixer;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var mixerInput = conv.forward(mixerNorm.forward(x));
        var mixed = mixer.forward(mixerInput);
        if (!_shapeChecked)
        {
            var expected = mixerInput.shape;
            var actual = mixed.shape;
            if (!expected.SequenceEqual(actual))
            {
                throw new MixerOutputShapeException(mixer.GetType().Name, _layerIndex, expected, actual);
            }

            _shapeChecked = true;
        }

        var h = x + mixed;
        return (h + mlp.forward(mlpNorm.forward(h))).MoveToOuterDisposeScope();
    }
}
