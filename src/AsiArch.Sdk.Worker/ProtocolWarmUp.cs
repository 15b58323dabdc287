using System.Text.Json;
using AsiArch.Sdk.Sandbox;

namespace AsiArch.Sdk.Worker;

/// <summary>
/// Builds the JSON serializer's contracts for every protocol type (job file, progress, probe report, training result)
/// with made-up values: a waiting worker does it before its job arrives, so the job does not pay for it (about 0.1 s a
/// job in a fresh process, once to read the job and once to write the result). No torch and no candidate involved.
/// </summary>
internal static class ProtocolWarmUp
{
    public static void Run()
    {
        var job = new WorkerJob { Kind = WorkerJob.ProbeKind, AssemblyPath = "candidate.dll", TypeName = "Mixer", Profile = TrainingProfiles.Explore };
        JsonSerializer.Deserialize<WorkerJob>(JsonSerializer.Serialize(job, ProtocolWriter.Json), ProtocolWriter.Json);
        var extra = new AdditionalPropertiesDictionary { ["ms"] = 1.0, ["flag"] = true, ["stages"] = new Dictionary<string, double> { ["stage"] = 1.0 } };
        Serialize(new WorkerMessage { Type = "progress", Progress = new TrainingProgress { Task = "task", Step = 1, TotalSteps = 2, Loss = 1.0 } });
        Serialize(new WorkerMessage
        {
            Type = "result",
            Probes = new ProbeReport { Causal = true, ComplexityExponent = 1.0, Parameters = 1, AdditionalProperties = extra },
            Failure = new ExperimentFailure(FailureKind.RuntimeError, "message", ["diagnostic"]),
        });
        Serialize(new WorkerMessage
        {
            Type = "result",
            Training = new TrainingResult
            {
                Tasks = [new TaskResult { Task = "task", LossCurve = [new LossPoint(1, 1.0)], ValidationLoss = 1.0, Metrics = new Dictionary<string, double> { ["accuracy"] = 1.0 } }],
                Duration = TimeSpan.FromSeconds(1),
                AdditionalProperties = extra,
            },
        });
    }

    private static void Serialize(WorkerMessage message) => JsonSerializer.Serialize(message, ProtocolWriter.Json);
}
