using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Model;

/// <summary>RMSNorm for the backbone until <c>Blocks.RmsNorm</c> is available (then this file goes).</summary>
internal sealed class InterimRmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double _eps;

    public InterimRmsNorm(int dim, double eps = 1e-5)
        : base("RmsNorm")
    {
        weight = nn.Parameter(ones(dim));
        _eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (x * rsqrt(x.pow(2).mean([-1L], keepdim: true) + _eps) * weight).MoveToOuterDisposeScope();
    }
}
