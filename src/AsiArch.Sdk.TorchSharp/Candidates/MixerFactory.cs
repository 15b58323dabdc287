using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp;

/// <summary>Creates one mixer (token-mixing layer) for a layer of the backbone: <c>[B, T, D] -&gt; [B, T, D]</c>, causal.</summary>
/// <param name="options">The layer's dimensions and position.</param>
/// <returns>A fresh module with its own parameters.</returns>
public delegate nn.Module<Tensor, Tensor> MixerFactory(MixerOptions options);
