using System.ComponentModel.DataAnnotations;

namespace AsiArch.Sdk.Review;

/// <summary>Settings of <see cref="HumanReviewResearcher"/>, bound from <c>AsiArch:Review</c>.</summary>
public sealed class HumanReviewOptions
{
    /// <summary>The review folder: proposals wait in <c>pending/</c>, decided ones move to <c>decided/</c>.</summary>
    [Required]
    public string Folder { get; set; } = "";

    /// <summary>How long a proposal waits for a decision.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What a timeout means.</summary>
    public ReviewTimeoutPolicy TimeoutPolicy { get; set; } = ReviewTimeoutPolicy.Fail;

    /// <summary>How often the decision file is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Folder))
        {
            throw new ArgumentException("HumanReviewOptions.Folder must name the review folder.", nameof(Folder));
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HumanReviewOptions.Timeout must be positive, got {Timeout}.", nameof(Timeout));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"HumanReviewOptions.PollInterval must be positive, got {PollInterval}.", nameof(PollInterval));
        }

        if (!Enum.IsDefined(TimeoutPolicy))
        {
            throw new ArgumentException($"HumanReviewOptions.TimeoutPolicy {TimeoutPolicy} is not a policy.", nameof(TimeoutPolicy));
        }
    }
}
