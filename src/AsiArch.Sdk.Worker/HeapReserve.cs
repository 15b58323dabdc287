using System.Runtime.InteropServices;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// Grows the C heap of a waiting worker ahead of its job: allocates blocks, touches every page, frees them. The launcher
/// starts workers with one malloc arena and mmap and trim thresholds of 1 GiB (<c>MALLOC_ARENA_MAX</c>,
/// <c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>), so the freed pages stay mapped and the job's tensors,
/// allocated on any thread, reuse them. A page touched for the first time costs microseconds on a virtual machine; in a
/// fresh worker they were most of the complexity probe (0.2-0.4 s of it for DeltaNet at the Explore width, under 0.1 s
/// with 64 MiB reserved; docs/benchmarks.md, Engineer).
/// </summary>
internal static class HeapReserve
{
    private const int BlockBytes = 16 << 20;
    private const int PageBytes = 4096;

    /// <summary>Bytes touched before the job arrived (reported with the probes: less than asked when the job came first).</summary>
    public static long Reserved { get; private set; }

    /// <summary>Touches about <paramref name="bytes"/> of heap; stops early when the job arrives (what it touched stays mapped).</summary>
    public static void Grow(long bytes, CancellationToken jobArrived)
    {
        var blocks = new List<IntPtr>();
        try
        {
            for (long done = 0; done < bytes && !jobArrived.IsCancellationRequested; done += BlockBytes)
            {
                var block = Marshal.AllocHGlobal(BlockBytes);
                blocks.Add(block);
                for (var offset = 0; offset < BlockBytes; offset += PageBytes)
                {
                    Marshal.WriteByte(block, offset, 0);
                }
            }
        }
        catch (OutOfMemoryException)
        {
            // Only an optimisation: the job runs with the heap it has.
        }
        finally
        {
            Reserved = (long)blocks.Count * BlockBytes;
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }
        }
    }
}
