using System.Security.Cryptography;
using System.Text;

namespace AsiArch.Sdk.Tests.Hosts;

/// <summary>Deterministic experiment content derived from the name (a few KB, so commits span several pages).</summary>
internal static class WriterPayload
{
    public static (string Motivation, string Program) Create(string name)
    {
        // Seeded from the name's SHA-256 (string.GetHashCode is randomised per process).
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0));
        var motivation = $"Motivation of {name}: gated delta rule variant {random.Next()}.";
        var program = new StringBuilder();
        var lines = 40 + random.Next(80);
        for (var i = 0; i < lines; i++)
        {
            program.Append("// line ").Append(i).Append(' ').Append(random.NextInt64()).AppendLine(" of the candidate source");
        }

        return (motivation, program.ToString());
    }

    public static string ImplementedLog(string name) => "implemented " + name;

    public static string Hash(string name, string motivation, string program) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + motivation + "\n" + program)));
}
