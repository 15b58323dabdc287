using System.Reflection;
using System.Runtime.ExceptionServices;
using AsiArch.Sdk.TorchSharp.Candidates;
using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp;

/// <summary>
/// A candidate mixer class loaded by <see cref="MixerLoader"/> into its own collectible load context. Create layers
/// with <see cref="Create"/> or <see cref="Factory"/>; dispose to let the context unload once no module of it is
/// referenced any more.
/// </summary>
public sealed class LoadedMixer : IDisposable
{
    private readonly ConstructorInfo _constructor;
    private CandidateLoadContext? _context;

    internal LoadedMixer(CandidateLoadContext context, Type mixerType, ConstructorInfo constructor)
    {
        _context = context;
        MixerType = mixerType;
        _constructor = constructor;
    }

    /// <summary>The mixer class.</summary>
    public Type MixerType { get; }

    /// <summary>Full name of the mixer class.</summary>
    public string TypeName => MixerType.FullName ?? MixerType.Name;

    /// <summary>The loaded candidate assembly.</summary>
    public Assembly Assembly => MixerType.Assembly;

    /// <summary>A factory that calls <see cref="Create"/>.</summary>
    public MixerFactory Factory => Create;

    /// <summary>Constructs one mixer layer.</summary>
    /// <param name="options">The layer's dimensions.</param>
    /// <returns>The new module.</returns>
    /// <exception cref="ObjectDisposedException">The mixer was disposed.</exception>
    /// <remarks>An exception thrown by the candidate's constructor is rethrown unchanged (with its stack trace).</remarks>
    public nn.Module<Tensor, Tensor> Create(MixerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_context is null, this);
        try
        {
            return (nn.Module<Tensor, Tensor>)_constructor.Invoke([options]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Starts unloading the candidate's load context.</summary>
    public void Dispose()
    {
        _context?.Unload();
        _context = null;
    }
}
