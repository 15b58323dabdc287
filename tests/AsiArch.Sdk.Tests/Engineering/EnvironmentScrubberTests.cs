using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Tests.Engineering;

public sealed class EnvironmentScrubberTests
{
    [Fact]
    public void Build_OnlyAllowListedNonCredentialVariablesPass()
    {
        var current = new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin",
            ["OPENAI_API_KEY"] = "sk-1",
            ["ConnectionStrings__Db"] = "Host=x",
            ["AWS_SECRET_ACCESS_KEY"] = "s",
            ["RANDOM"] = "r",
        };

        var result = EnvironmentScrubber.Build(current, ["PATH", "OPENAI_API_KEY", "RANDOM2"], new Dictionary<string, string> { ["HOME"] = "/scratch", ["GITHUB_TOKEN"] = "t" });

        Assert.Equal(new Dictionary<string, string> { ["PATH"] = "/usr/bin", ["HOME"] = "/scratch" }, result);
    }

    [Theory]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("AZURE_OPENAI_APIKEY", true)]
    [InlineData("ConnectionStrings__Main", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("HF_TOKEN", true)]
    [InlineData("PATH", false)]
    [InlineData("OMP_NUM_THREADS", false)]
    public void LooksLikeCredential_RecognisesCommonNames(string name, bool expected)
    {
        Assert.Equal(expected, EnvironmentScrubber.LooksLikeCredential(name));
    }
}
