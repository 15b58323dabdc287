using AsiArch.Sdk.Testing.Fakes;

namespace AsiArch.Sdk.Slurm.Tests.Cluster;

/// <summary>Candidate artifacts and requests for the fake worker (its "assembly" is the source's bytes).</summary>
internal static class Candidates
{
    public static TrainingRequest Request(string name, int seed = 1) => new()
    {
        Candidate = FakeEngineer.CreateArtifact(new CandidateSource($"// {name}\npublic sealed class {name} {{ }}\n")),
        Profile = TrainingProfiles.Smoke,
        Seed = seed,
        RunName = name,
    };

    /// <summary>The validation loss the fake worker reports for <paramref name="request"/>'s candidate bytes.</summary>
    public static double ExpectedLoss(TrainingRequest request)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(request.Candidate.Assembly));
        return 2.0 + (Convert.ToInt32(hash[..6], 16) % 1000 / 1000.0);
    }
}
