using AsiArch.Sdk.TorchSharp;
using AsiArch.Sdk.TorchSharp.Baselines;
using AsiArch.Sdk.TorchSharp.Probes;
using TorchSharp;

namespace AsiArch.Sdk.IntegrationTests.Engineering;

/// <summary>The probes run on the thread count of their settings (one by default) and give the caller's back.</summary>
[Collection("torch")]
public sealed class MixerProbeThreadsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(null, 2)]
    public void Run_OnTheSettingsThreads_RestoresTheCallersCount(int? probeThreads, int expected)
    {
        TorchRuntime.EnsureInitialized(new TorchRuntimeOptions { Device = ComputeDevice.Cpu, Threads = 1 });
        torch.set_num_threads(2);
        try
        {
            var run = MixerProbes.Run(
                BaselineCatalog.Get("LinearAttention").Factory, TrainingProfiles.Smoke, 0, new ProbeSettings { Threads = probeThreads, StepRepeats = 1 });

            Assert.Null(run.Failure);
            Assert.Equal(expected, Convert.ToInt32(run.Report.AdditionalProperties!["probeThreads"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(2, torch.get_num_threads());
        }
        finally
        {
            torch.set_num_threads(1);
        }
    }
}
