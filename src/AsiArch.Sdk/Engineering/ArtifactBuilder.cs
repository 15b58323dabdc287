using System.Diagnostics;
using AsiArch.Sdk.Engineering.Compilation;
using AsiArch.Sdk.Engineering.Contract;
using AsiArch.Sdk.Engineering.Gate;

namespace AsiArch.Sdk.Engineering;

/// <summary>
/// The host-side static pipeline: compile (in memory), run the safety gate on the semantic model, check the contract
/// on the symbols. No candidate code is loaded; what comes out is bytes for the worker.
/// </summary>
public sealed class ArtifactBuilder : IArtifactBuilder
{

    /// <summary>Creates a builder.</summary>
    public ArtifactBuilder(CandidateCompiler? compiler = null, SafetyGate? gate = null)
    {
        Compiler = compiler ?? new CandidateCompiler();
        Gate = gate ?? new SafetyGate();
    }

    /// <summary>The compiler.</summary>
    public CandidateCompiler Compiler { get; }

    /// <summary>The safety gate.</summary>
    public SafetyGate Gate { get; }

    /// <inheritdoc />
    public ArtifactBuildResult Build(CandidateSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var compiled = Compiler.Compile(source);
        if (!compiled.Succeeded)
        {
            // Code that names forbidden APIs often fails only because they are not referenced: say what it tried to use.
            var diagnosis = Gate.Check(Compiler.CreateDiagnosticCompilation(source));
            if (!diagnosis.Passed)
            {
                return new ArtifactBuildResult
                {
                    Failure = diagnosis.Failure,
                    Violations = diagnosis.Violations,
                    CompileTime = compiled.Duration,
                    GateTime = diagnosis.Duration,
                    FromCache = compiled.FromCache,
                };
            }

            return new ArtifactBuildResult { Failure = compiled.Failure, CompileTime = compiled.Duration, FromCache = compiled.FromCache };
        }

        var started = Stopwatch.GetTimestamp();
        var gate = Gate.Check(compiled);
        if (!gate.Passed)
        {
            return new ArtifactBuildResult
            {
                Failure = gate.Failure,
                Violations = gate.Violations,
                CompileTime = compiled.Duration,
                GateTime = Stopwatch.GetElapsedTime(started),
                FromCache = compiled.FromCache,
            };
        }

        var contract = ContractInspector.Inspect(compiled.Compilation);
        var gateTime = Stopwatch.GetElapsedTime(started);
        if (contract.Failure is not null)
        {
            return new ArtifactBuildResult { Failure = contract.Failure, CompileTime = compiled.Duration, GateTime = gateTime, FromCache = compiled.FromCache };
        }

        return new ArtifactBuildResult
        {
            Artifact = new CandidateArtifact
            {
                Source = source,
                Assembly = compiled.Assembly!,
                Pdb = compiled.Pdb,
                TypeName = contract.TypeName!,
            },
            CompileTime = compiled.Duration,
            GateTime = gateTime,
            FromCache = compiled.FromCache,
        };
    }
}
