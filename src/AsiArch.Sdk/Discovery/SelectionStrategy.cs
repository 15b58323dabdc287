namespace AsiArch.Sdk.Discovery;

/// <summary>How the loop picks the parent of the next proposal.</summary>
public enum SelectionStrategy
{
    /// <summary>ASI-ARCH: uniform from the top ranks of the pool.</summary>
    Uniform,

    /// <summary>Upper confidence bound for trees over the pool: benchmark score + c·√(ln N / children); childless first.</summary>
    Uct,
}
