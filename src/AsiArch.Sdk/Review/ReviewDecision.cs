namespace AsiArch.Sdk.Review;

/// <summary>What the reviewing scientist decided about a proposal.</summary>
public enum ReviewDecision
{
    /// <summary>Train the proposal as it is.</summary>
    Approve,

    /// <summary>Train the proposal with the scientist's changes to its source and motivation.</summary>
    Edit,

    /// <summary>Do not train it; the loop re-plans away from it.</summary>
    Reject,
}
