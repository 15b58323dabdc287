using TorchSharp;

namespace AsiArch.Sdk.TorchSharp.Probes;

/// <summary>Runs a block on another torch intra-op thread count and gives the caller's back on dispose.</summary>
internal readonly struct TorchThreadScope : IDisposable
{
    private readonly int _previous;

    private TorchThreadScope(int previous) => _previous = previous;

    /// <summary>Switches to <paramref name="threads"/> (null keeps the current count) until the scope is disposed.</summary>
    public static TorchThreadScope Use(int? threads)
    {
        var previous = torch.get_num_threads();
        if (threads is { } count && count != previous)
        {
            torch.set_num_threads(count);
        }

        return new TorchThreadScope(previous);
    }

    public void Dispose()
    {
        if (torch.get_num_threads() != _previous)
        {
            torch.set_num_threads(_previous);
        }
    }
}
