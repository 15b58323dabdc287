using System.Security.Cryptography;
using System.Text;

namespace AsiArch.Sdk.Tests.Hosts;

/// <summary>
/// Stands in for a paid model: a call whose key is already in the store's interaction log is a replay; otherwise it is
/// paid, recorded in the store first (like the LLM agents' replay cache) and then counted in the calls file.
/// </summary>
internal sealed class CallLedger(IExperimentStore store, string path)
{
    private readonly Lock _file = new();

    public async Task PayAsync(string role, string key, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{role}|{key}")));
        if (await store.FindInteractionAsync(hash, cancellationToken).ConfigureAwait(false) is not null)
        {
            Append($"replay {role} {key}");
            return;
        }

        await store.AppendInteractionAsync(
            new ModelInteraction { Role = role, Step = "call", RequestHash = hash, Request = key, Response = "ok" },
            cancellationToken).ConfigureAwait(false);
        Append($"paid {role} {key}");
    }

    private void Append(string line)
    {
        lock (_file)
        {
            // Written straight to the file (the kernel keeps it across SIGKILL of this process).
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
