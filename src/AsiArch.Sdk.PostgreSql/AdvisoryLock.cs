using Npgsql;

namespace AsiArch.Sdk.PostgreSql;

/// <summary>A held session-level advisory lock; disposing unlocks it and returns the connection to the pool.</summary>
internal sealed class AdvisoryLock(NpgsqlConnection connection, string schema, string name) : IAsyncDisposable
{
    private NpgsqlConnection? _connection = connection;

    public async ValueTask DisposeAsync()
    {
        var held = Interlocked.Exchange(ref _connection, null);
        if (held is null)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@schema), hashtext(@name))", held);
            command.Parameters.AddWithValue("schema", schema);
            command.Parameters.AddWithValue("name", name);
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection has already lost the lock on the server; nothing is left to release.
        }
        finally
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }
    }
}
