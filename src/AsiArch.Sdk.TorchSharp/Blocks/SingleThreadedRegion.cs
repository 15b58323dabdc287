using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>
/// Runs a stretch of tiny ops on one intra-op thread and restores the previous thread count when disposed. A batched
/// matmul of a few 16×16 or 32×16 matrices is over in microseconds; splitting it across two threads costs more in
/// fork/join than it saves (measured: 4 µs on one thread, 10.5 µs on two), and when another process holds the
/// second core every such op waits for it.
/// </summary>
/// <remarks>
/// The thread count is process-wide in libtorch, so torch work on other threads also runs on one thread meanwhile;
/// nested and concurrent regions are counted so that the last one out restores the count the first one saw.
/// </remarks>
internal sealed class SingleThreadedRegion : IDisposable
{
    private static readonly object Gate = new();
    private static int _open;
    private static int _restoreTo;
    private bool _disposed;

    private SingleThreadedRegion()
    {
    }

    /// <summary>
    /// Products up to this many multiply-adds per op run on one thread: at head dim 16 (8 matrices of 32×16 by 16×16,
    /// 65k) one thread was faster, at head dim 64 (8 of 64×64 by 64×64, 2.1M) two threads were.
    /// </summary>
    public const long SmallOpMultiplyAdds = 1L << 18;

    /// <summary>Enters a region for ops of <paramref name="multiplyAdds"/> each: one thread if they are small
    /// (<see cref="SmallOpMultiplyAdds"/>), otherwise nothing changes.</summary>
    /// <param name="multiplyAdds">Multiply-adds of the largest op in the region.</param>
    public static IDisposable? EnterIfSmall(long multiplyAdds) => multiplyAdds <= SmallOpMultiplyAdds ? Enter() : null;

    /// <summary>Enters the region.</summary>
    public static SingleThreadedRegion Enter()
    {
        lock (Gate)
        {
            if (_open++ == 0)
            {
                _restoreTo = get_num_threads();
                if (_restoreTo != 1)
                {
                    set_num_threads(1);
                }
            }
        }

        return new SingleThreadedRegion();
    }

    /// <summary>Leaves the region; the last region out restores the thread count.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (Gate)
        {
            if (--_open == 0 && _restoreTo != 1)
            {
                set_num_threads(_restoreTo);
            }
        }
    }
}
