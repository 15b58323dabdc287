namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>Builds plausible candidate mixers; hostile variants change one member and keep the rest valid.</summary>
internal static class CandidateTemplates
{
    public const string Usings = """
        using System;
        using System.Linq;
        using System.Collections.Generic;
        using TorchSharp;
        using static TorchSharp.torch;
        using AsiArch.Sdk.TorchSharp;

        """;

    /// <summary>A causal linear-time mixer: gated running mean of projected inputs (cumsum / position).</summary>
    public static string Mixer(
        string name = "RunningMeanMixer",
        string? forward = null,
        string extraMembers = "",
        string extraUsings = "",
        string ctorExtra = "",
        string classModifiers = "public sealed")
    {
        forward ??= """
                var h = nn.functional.silu(_in.forward(x));
                var t = x.shape[1];
                var counts = torch.arange(1, t + 1, dtype: x.dtype).view(1, t, 1);
                return _out.forward(h.cumsum(1) / counts);
            """;
        return Usings + extraUsings + $$"""

            {{classModifiers}} class {{name}} : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear _in;
                private readonly TorchSharp.Modules.Linear _out;

                public {{name}}(MixerOptions options) : base(nameof({{name}}))
                {
                    _in = nn.Linear(options.ModelDim, options.ModelDim);
                    _out = nn.Linear(options.ModelDim, options.ModelDim);
                    {{ctorExtra}}
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x)
                {
            {{forward}}
                }
            {{extraMembers}}
            }
            """;
    }
}
