using System.Reflection;
using System.Runtime.Loader;

namespace AsiArch.Sdk.TorchSharp.Candidates;

/// <summary>
/// A collectible context holding one candidate assembly. Every reference (TorchSharp, this SDK, the BCL) resolves to
/// the default context so the candidate shares the host's <see cref="MixerOptions"/> and tensor types.
/// </summary>
internal sealed class CandidateLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
