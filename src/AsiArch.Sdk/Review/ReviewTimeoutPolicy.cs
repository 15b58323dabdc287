namespace AsiArch.Sdk.Review;

/// <summary>What happens when nobody decides about a proposal within <see cref="HumanReviewOptions.Timeout"/>.</summary>
public enum ReviewTimeoutPolicy
{
    /// <summary>Train it as proposed (recorded as approved on timeout).</summary>
    Approve,

    /// <summary>Reject it (recorded as rejected on timeout); the loop re-plans.</summary>
    Reject,

    /// <summary>Fail the round with a <see cref="FailureKind.Timeout"/> <see cref="ExperimentFailureException"/>.</summary>
    Fail,
}
