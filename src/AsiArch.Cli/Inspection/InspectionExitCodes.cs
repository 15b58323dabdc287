namespace AsiArch.Cli.Inspection;

/// <summary>Exit codes of the asiarch commands (documented in docs/cli.md).</summary>
public static class InspectionExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>A domain failure: unknown experiment, missing or corrupt database, a file that cannot be read or written.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: unknown option, bad argument value, unknown profile name.</summary>
    public const int Usage = 2;
}
