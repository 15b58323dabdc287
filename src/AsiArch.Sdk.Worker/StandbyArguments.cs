using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// Parses the options after <c>--standby</c>: <c>--cache DIR</c> once, <c>--natives DIR</c> any number of times,
/// <c>--reserve-heap BYTES</c> once and the flag <c>--warm-up</c>.
/// </summary>
internal static class StandbyArguments
{
    public static bool TryParse(ReadOnlySpan<string> args, out TorchRuntimeOptions options, out bool warmUp, out long reserveHeapBytes)
    {
        string? cache = null;
        var natives = new List<string>();
        options = new TorchRuntimeOptions();
        warmUp = false;
        reserveHeapBytes = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--warm-up")
            {
                warmUp = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return false;
            }

            switch (args[i])
            {
                case "--cache" when cache is null:
                    cache = args[++i];
                    break;
                case "--natives":
                    natives.Add(args[++i]);
                    break;
                case "--reserve-heap" when reserveHeapBytes == 0:
                    if (!long.TryParse(args[++i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out reserveHeapBytes))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        options = new TorchRuntimeOptions { CacheDirectory = cache, NativeLibraryDirectories = natives };
        return true;
    }
}
