using AsiArch.Sdk.TorchSharp;

namespace AsiArch.Sdk.Worker;

/// <summary>Parses the options after <c>--standby</c>: <c>--cache DIR</c> once, <c>--natives DIR</c> any number of times.</summary>
internal static class StandbyArguments
{
    public static bool TryParse(ReadOnlySpan<string> args, out TorchRuntimeOptions options)
    {
        string? cache = null;
        var natives = new List<string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                options = new TorchRuntimeOptions();
                return false;
            }

            switch (args[i])
            {
                case "--cache" when cache is null:
                    cache = args[i + 1];
                    break;
                case "--natives":
                    natives.Add(args[i + 1]);
                    break;
                default:
                    options = new TorchRuntimeOptions();
                    return false;
            }
        }

        options = new TorchRuntimeOptions { CacheDirectory = cache, NativeLibraryDirectories = natives };
        return true;
    }
}
