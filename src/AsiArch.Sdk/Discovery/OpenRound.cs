namespace AsiArch.Sdk.Discovery;

/// <summary>A proposal round to continue after a crash.</summary>
/// <param name="Round">The round number.</param>
/// <param name="ParentIndex">The parent its proposals were made from.</param>
/// <param name="NextAttempt">The attempt number of the next proposal.</param>
/// <param name="Rejected">Its proposals rejected as duplicates so far.</param>
/// <param name="Pending">A stored proposal still waiting for its novelty verdict.</param>
internal sealed record OpenRound(int Round, long? ParentIndex, int NextAttempt, IReadOnlyList<RejectedProposal> Rejected, ExperimentRecord? Pending);
