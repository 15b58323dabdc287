using System.Diagnostics;
using System.Reflection;
using Npgsql;

namespace AsiArch.Sdk.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>ASIARCH_TEST_POSTGRES</c> (an Npgsql connection string of a role that may
/// create databases) when set, otherwise the private cluster of scripts/setup/postgres.sh on 127.0.0.1:55432, which is
/// started here when it is not running.
/// </summary>
internal static class PostgreSqlServer
{
    private const string PrivateCluster = "Host=127.0.0.1;Port=55432;Username=asiarch;Password=asiarch;Database=asiarch;Timeout=15";
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static bool _ready;

    /// <summary>Connection string of the admin database (creates and drops the test databases).</summary>
    public static string AdminConnectionString => Environment.GetEnvironmentVariable("ASIARCH_TEST_POSTGRES") is { Length: > 0 } s ? s : PrivateCluster;

    /// <summary>True when PostgreSQL server binaries are installed (or an external server is configured).</summary>
    public static bool BinariesAvailable =>
        Environment.GetEnvironmentVariable("ASIARCH_TEST_POSTGRES") is { Length: > 0 } ||
        (Directory.Exists("/usr/lib/postgresql") && Directory.GetDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "pg_ctl"))));

    /// <summary>A connection string to <paramref name="database"/> on the test server.</summary>
    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Makes sure the server accepts connections, starting the private cluster when needed.</summary>
    public static async Task EnsureRunningAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }

            if (!await CanConnectAsync())
            {
                if (!BinariesAvailable)
                {
                    throw new InvalidOperationException(
                        "PostgreSQL is not reachable at 127.0.0.1:55432 and its server binaries are not installed: run scripts/setup/postgres.sh " +
                        "(as root it installs the postgresql package), or set ASIARCH_TEST_POSTGRES to a server's connection string.");
                }

                await RunSetupScriptAsync();
            }

            _ready = true;
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Executes SQL on the admin database.</summary>
    public static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> CanConnectAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static async Task RunSetupScriptAsync()
    {
        var root = typeof(PostgreSqlServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var script = Path.GetFullPath(Path.Combine(root, "scripts", "setup", "postgres.sh"));
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--no-install");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {script}.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }
}
