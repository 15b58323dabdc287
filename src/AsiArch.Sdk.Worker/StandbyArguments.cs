using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// Parses the options after <c>--standby</c>: <c>--cache DIR</c> once, <c>--natives DIR</c> any number of times and the
/// flag <c>--warm-up</c>.
/// </summary>
internal static class StandbyArguments
{
    public static bool TryParse(ReadOnlySpan<string> args, out TorchRuntimeOptions options, out bool warmUp)
    {
        string? cache = null;
        var natives = new List<string>();
        options = new TorchRuntimeOptions();
        warmUp = false;
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
                default:
                    return false;
            }
        }

        options = new TorchRuntimeOptions { CacheDirectory = cache, NativeLibraryDirectories = natives };
        return true;
    }
}
