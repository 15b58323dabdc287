namespace AsiArch.Sdk;

/// <summary>Explains why a design worked or failed, against its parent, siblings and the baselines.</summary>
public interface IAnalyst : IAsiArchComponent
{
    /// <summary>Writes the analysis.</summary>
    Task<AnalysisReport> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken = default);
}
