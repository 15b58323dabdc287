namespace AsiArch.Sdk.Reporting;

/// <summary>What to put in a report.</summary>
public sealed record RunReportOptions
{
    /// <summary>Report title.</summary>
    public string Title { get; init; } = "AsiArch discovery report";

    /// <summary>Rows of the leaderboard.</summary>
    public int LeaderboardSize { get; init; } = 20;

    /// <summary>How many of the best candidates the design-component comparison takes as the top group.</summary>
    public int ComponentTopCount { get; init; } = 10;

    /// <summary>Only experiments trained on this profile (null: all). Promotions and baselines on other profiles stay out too.</summary>
    public string? ProfileName { get; init; }

    /// <summary>Where the data came from, shown in the report.</summary>
    public string? Source { get; init; }
}
