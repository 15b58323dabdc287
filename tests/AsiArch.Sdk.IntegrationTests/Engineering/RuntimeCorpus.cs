using static AsiArch.Sdk.IntegrationTests.Engineering.CandidateTemplates;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>
/// Candidates that pass every static check and misbehave only when run: the worker must contain each one (classify
/// it, or kill it on a budget) while the host and the test run carry on.
/// </summary>
internal static class RuntimeCorpus
{
    private const string Identity = "        return _out.forward(_in.forward(x));";

    public static TheoryData<string, string, FailureKind> Entries => new()
    {
        { "memory bomb", Mixer(forward: "        var keep = new List<Tensor>();\n        for (var i = 0; i < 10000; i++) { keep.Add(torch.ones(64L << 20)); }\n" + Identity), FailureKind.OutOfMemory },
        { "impossible allocation", Mixer(forward: "        var huge = torch.zeros(1L << 40);\n" + Identity), FailureKind.OutOfMemory },
        { "stack overflow", Mixer(forward: "        var depth = Deep(1);\n" + Identity, extraMembers: "    private static int Deep(int n) => n <= 0 ? 0 : Deep(n + 1) + 1;\n"), FailureKind.Crashed },
        { "nan output", Mixer(forward: "        return _out.forward(_in.forward(x)) * float.NaN;"), FailureKind.NonFinite },
        { "future leak via mean over time", Mixer(forward: "        return _out.forward(_in.forward(x) + x.mean([1L], keepdim: true));"), FailureKind.NotCausal },
        { "future leak via flip", Mixer(forward: "        return _out.forward(_in.forward(x.flip(1)));"), FailureKind.NotCausal },
        {
            "quadratic attention",
            Mixer(forward: """
                    var q = _in.forward(x);
                    var t = x.shape[1];
                    var scores = torch.matmul(q, q.transpose(1, 2)) / 8.0;
                    var mask = torch.ones(t, t).triu(1).to_type(ScalarType.Bool);
                    scores = scores.masked_fill(mask, float.NegativeInfinity);
                    return _out.forward(torch.matmul(nn.functional.softmax(scores, -1), q));
            """),
            // Its [T, T] scores at the probe's longest length (4096) exceed this suite's 1.5 GiB worker budget, so it is
            // contained as OutOfMemory before its exponent is fitted; SuperLinear detection of a quadratic mixer is
            // covered by ComplexityProbeRepeatTests.
            FailureKind.OutOfMemory
        },
        { "wrong output shape", Mixer(forward: "        return _out.forward(_in.forward(x)).narrow(2, 0, 8);"), FailureKind.ContractViolation },
        { "constructor throws", Mixer(ctorExtra: "throw new InvalidOperationException(\"projection width not supported\");"), FailureKind.RuntimeError },
        { "forward shape mismatch", Mixer(forward: "        return _out.forward(torch.matmul(x, torch.ones(3, 5)));"), FailureKind.RuntimeError },
        { "over parameter budget", Mixer(ctorExtra: "_wide = nn.Linear(options.ModelDim, 8192);", extraMembers: "    private readonly TorchSharp.Modules.Linear _wide;\n"), FailureKind.ContractViolation },
        { "mixes the batch", Mixer(forward: "        return _out.forward(_in.forward(x - x.mean([0L], keepdim: true)));"), FailureKind.ContractViolation },
    };

    /// <summary>A forward that never returns: contained by the wall-clock budget.</summary>
    public static string InfiniteLoop => Mixer(forward: "        var n = 0L;\n        while (n >= 0) { n = (n + 1) % 1000; }\n" + Identity);
}
