using System.Diagnostics;

namespace AsiArch.Cli.Tests.Report;

/// <summary>Runs headless Chromium on a local file (no network, no GPU, a throw-away profile).</summary>
internal static class HeadlessChromium
{
    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs Chromium with <paramref name="extraArguments"/> on <paramref name="file"/>; returns stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string profileDir, params string[] extraArguments)
    {
        var exe = Find() ?? throw new InvalidOperationException(
            "Chromium is not installed; the report test needs it (apt-get install chromium, or run scripts/setup.sh).");
        var start = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-extensions", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=" + profileDir,
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(new Uri(file).AbsoluteUri);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Headless Chromium did not finish within 3 minutes.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
