namespace AsiArch.Sdk;

/// <summary>Scores performance, innovation and complexity of an evaluated candidate (ASI-ARCH's LLM judge).</summary>
public interface IQualityJudge : IAsiArchComponent
{
    /// <summary>Judges the experiment.</summary>
    Task<QualityJudgement> JudgeAsync(JudgeRequest request, CancellationToken cancellationToken = default);
}
