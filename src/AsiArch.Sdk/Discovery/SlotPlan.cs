namespace AsiArch.Sdk.Discovery;

/// <summary>
/// How many trainings run at once and with how many torch threads each. Torch threads are never oversubscribed:
/// slots × threads ≤ cores (two 2-thread jobs on 2 cores run 4x slower).
/// </summary>
/// <param name="Slots">Concurrent trainings.</param>
/// <param name="ThreadsPerSlot">Torch intra-op threads of each.</param>
public sealed record SlotPlan(int Slots, int ThreadsPerSlot)
{
    /// <summary>
    /// The plan for a machine: by default one slot per 4 cores (at least one), so 2 cores give one 2-thread slot and
    /// 16 cores four 4-thread slots; threads = max(1, cores / slots).
    /// </summary>
    public static SlotPlan For(int cores, int? slots = null, int? threadsPerSlot = null)
    {
        cores = Math.Max(1, cores);
        var s = Math.Max(1, slots ?? Math.Max(1, cores / 4));
        var t = Math.Max(1, threadsPerSlot ?? Math.Max(1, cores / s));
        return new SlotPlan(s, t);
    }
}
