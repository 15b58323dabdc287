namespace AsiArch.Sdk;

/// <summary>Learning-rate schedule after linear warm-up.</summary>
public enum LearningRateSchedule
{
    /// <summary>Cosine decay to 10% of the peak.</summary>
    Cosine,

    /// <summary>Warm-up, stable, decay (the last 20% of steps decay linearly to 10%), as used by ASI-ARCH's FLAME runs.</summary>
    WarmupStableDecay,

    /// <summary>Constant after warm-up.</summary>
    Constant,
}
