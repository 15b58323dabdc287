namespace AsiArch.Sdk.Slurm.Jobs;

/// <summary>What a Slurm command printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>
    /// True when the command failed because the controller could not be reached (down, restarting, overloaded): the
    /// request may succeed later.
    /// </summary>
    public bool ControllerUnreachable =>
        ExitCode != 0 && (Error.Contains("Unable to contact slurm controller", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Socket timed out", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Connection refused", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Slurm backup controller in standby mode", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Zero Bytes were transmitted or received", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Resource temporarily unavailable", StringComparison.OrdinalIgnoreCase)
            || Error.Contains("Communication connection failure", StringComparison.OrdinalIgnoreCase));
}
