using AsiArch.Sdk.TorchSharp.Blocks;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Tests.Blocks;

[Collection("torch")]
public sealed class AffineStateScanTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void States_MatchSequentialLoopWithGradients(int chunks)
    {
        using var scope = NewDisposeScope();
        manual_seed(chunks);
        var transitions0 = randn(chunks, 3, 4, 4, dtype: ScalarType.Float64) * 0.5;
        var inputs0 = randn(chunks, 3, 4, 2, dtype: ScalarType.Float64);
        var weights = randn(chunks, 3, 4, 2, dtype: ScalarType.Float64);

        (Tensor States, Tensor TransitionsGrad, Tensor InputsGrad) Run(bool scan)
        {
            var transitions = transitions0.detach().requires_grad_();
            var inputs = inputs0.detach().requires_grad_();
            Tensor states;
            if (scan)
            {
                states = AffineStateScan.States(transitions, inputs);
            }
            else
            {
                // S_0 = 0, kept in the graph so that a single chunk still has something to differentiate.
                var list = new List<Tensor> { inputs[0] * 0.0 };
                for (var n = 0; n + 1 < chunks; n++)
                {
                    list.Add(transitions[n].matmul(list[n]) + inputs[n]);
                }

                states = stack(list, 0);
            }

            (states * weights).sum().backward();
            // With one chunk the loop never touches the transitions, so autograd leaves their gradient unset.
            return (states.detach(), transitions.grad ?? zeros_like(transitions), inputs.grad!);
        }

        var expected = Run(scan: false);
        var actual = Run(scan: true);

        TensorAssert.Close(expected.States, actual.States, 1e-12);
        TensorAssert.Close(expected.TransitionsGrad, actual.TransitionsGrad, 1e-12);
        TensorAssert.Close(expected.InputsGrad, actual.InputsGrad, 1e-12);
    }

    [Fact]
    public void States_FirstStateIsZeroAndLastMapIsUnused()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        var transitions = randn(3, 2, 4, 4, dtype: ScalarType.Float64).requires_grad_();
        var inputs = randn(3, 2, 4, 5, dtype: ScalarType.Float64).requires_grad_();

        var states = AffineStateScan.States(transitions, inputs);
        states.sum().backward();

        Assert.Equal(0.0, states[0].abs().max().item<double>());
        Assert.Equal(0.0, transitions.grad![2].abs().max().item<double>());
        Assert.Equal(0.0, inputs.grad![2].abs().max().item<double>());
        TensorAssert.Close(inputs[0], states[1], 1e-12);
    }
}
