using AsiArch.Sdk.Slurm.Jobs;

namespace AsiArch.Sdk.Slurm.Tests.Jobs;

public sealed class SqueueParserTests
{
    [Fact]
    public void ParseJson_Slurm2205Output_ReadsTasksAndExpandsThePendingArrayRecord()
    {
        // Shape of Slurm 22.05's squeue --json (OpenAPI v0.0.38), trimmed to the fields read.
        const string json = """
            {"meta":{"plugin":{"type":"openapi/v0.0.38"}},"errors":[],"jobs":[
              {"job_id":5,"array_job_id":0,"array_task_id":null,"array_task_string":"","job_state":"RUNNING","state_reason":"None","nodes":"vm"},
              {"job_id":7,"array_job_id":6,"array_task_id":0,"array_task_string":"","job_state":"TIMEOUT","state_reason":"TimeLimit","nodes":"vm","comment":"asiarch:b2"},
              {"job_id":6,"array_job_id":6,"array_task_id":null,"array_task_string":"1-3%1","job_state":"PENDING","state_reason":"JobArrayTaskLimit","nodes":""}
            ]}
            """;

        var statuses = SqueueParser.ParseJson(json);

        Assert.Equal(["6_0", "6_1", "6_2", "6_3"], statuses.Select(s => s.TaskId));
        Assert.Equal(["TIMEOUT", "PENDING", "PENDING", "PENDING"], statuses.Select(s => s.State));
        Assert.Equal("TimeLimit", statuses[0].Reason);
        Assert.Equal("asiarch:b2", statuses[0].Comment);
        Assert.True(statuses[0].IsTerminal);
        Assert.Null(statuses[1].Node);
        Assert.False(statuses[1].IsTerminal);
    }

    [Fact]
    public void ParseJson_Slurm23Shapes_ReadsStateListsAndNumberObjects()
    {
        const string json = """
            {"jobs":[{"job_id":{"set":true,"number":12},"array_job_id":{"set":true,"infinite":false,"number":11},
              "array_task_id":{"set":true,"infinite":false,"number":1},"job_state":["OUT_OF_MEMORY"],"state_reason":"OutOfMemory","nodes":"n1"}]}
            """;

        var status = Assert.Single(SqueueParser.ParseJson(json));

        Assert.Equal(new SlurmJobStatus("11", 1, "OUT_OF_MEMORY", "OutOfMemory", "n1"), status);
    }

    [Fact]
    public void ParseJson_NotSqueueJson_Throws()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => SqueueParser.ParseJson("{\"meta\":{}}"));
    }

    [Fact]
    public void ParseFormatted_SqueueRows_ReadsArrayTasksAndSkipsPlainJobs()
    {
        const string output = "9_1|9|1|PENDING|JobArrayTaskLimit||asiarch:b1\n5|5|N/A|RUNNING|None|vm|(null)\n9_0|9|0|CANCELLED by 0|None|vm|asiarch:b1\n";

        var statuses = SqueueParser.ParseFormatted(output);

        Assert.Equal([new SlurmJobStatus("9", 1, "PENDING", "JobArrayTaskLimit", null, "asiarch:b1"), new SlurmJobStatus("9", 0, "CANCELLED", null, "vm", "asiarch:b1")], statuses);
    }

    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("1,4-5%2", new[] { 1, 4, 5 })]
    [InlineData("0-6:3", new[] { 0, 3, 6 })]
    [InlineData("", new int[0])]
    public void ExpandTaskString_SlurmRanges_ListsEveryIndex(string text, int[] expected)
    {
        Assert.Equal(expected, SqueueParser.ExpandTaskString(text));
    }

    [Theory]
    [InlineData("COMPLETED", true)]
    [InlineData("TIMEOUT", true)]
    [InlineData("OUT_OF_MEMORY", true)]
    [InlineData("NODE_FAIL", true)]
    [InlineData("PREEMPTED", true)]
    [InlineData("CANCELLED+", true)]
    [InlineData("REQUEUED", false)]
    [InlineData("REQUEUE_HOLD", false)]
    [InlineData("COMPLETING", false)]
    [InlineData("pending", false)]
    public void IsTerminal_SlurmStates_SaysWhetherTheJobCanStillRun(string state, bool terminal)
    {
        Assert.Equal(terminal, SlurmStates.IsTerminal(state));
    }
}
