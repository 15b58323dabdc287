using System.Diagnostics;
using System.Reflection;

namespace AsiArch.Sdk.Tests.Storage;

/// <summary>
/// A running tests/hosts/StoreWriterHost child process: collects its stdout lines (acknowledgements) as they arrive
/// and can be killed with SIGKILL.
/// </summary>
internal sealed class StoreWriterProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;

    private StoreWriterProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Number of lines read so far.</summary>
    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public static StoreWriterProcess Start(string mode, string databasePath, string prefix, int count)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostPath(), mode, databasePath, prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the store writer host.");
        return new StoreWriterProcess(process);
    }

    /// <summary>Waits for the host's READY line (store opened).</summary>
    public async Task WaitReadyAsync()
    {
        var finished = await Task.WhenAny(_ready.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != _ready.Task)
        {
            throw new TimeoutException("The store writer host did not report READY within 60 s. stderr: " + await StandardErrorAsync());
        }

        await _ready.Task;
    }

    public void Send(string line) => _process.StandardInput.WriteLine(line);

    /// <summary>SIGKILL (Process.Kill on Unix), then every line the host wrote before dying.</summary>
    public async Task<IReadOnlyList<string>> KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        return await FinishAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits for a normal exit and returns every line.</summary>
    public async Task<IReadOnlyList<string>> FinishAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _reader.WaitAsync(cts.Token);
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    public int ExitCode => _process.ExitCode;

    public async Task<string> StandardErrorAsync()
    {
        if (!_process.HasExited)
        {
            return "(still running)";
        }

        return await _process.StandardError.ReadToEndAsync();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        // Only complete lines count: a line cut by the kill has no newline and ReadLineAsync still returns it, so the
        // parser ignores lines that do not have every field.
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "READY")
            {
                _ready.TrySetResult();
                continue;
            }

            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        _ready.TrySetException(new InvalidOperationException("The store writer host exited before READY."));
    }

    private static string HostPath()
    {
        var path = typeof(StoreWriterProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "StoreWriterHostPath").Value!;
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The store writer host was not built at '{path}'; build AsiArch.Sdk.Tests first.", path);
        }

        return path;
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }
}
