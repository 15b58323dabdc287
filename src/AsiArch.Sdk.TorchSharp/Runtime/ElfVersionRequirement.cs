namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>
/// One symbol-version requirement of an ELF shared object (a <c>Vernaux</c> entry of <c>.gnu.version_r</c>), e.g.
/// <c>GLIBCXX_3.4.32</c> required from <c>libstdc++.so.6</c>.
/// </summary>
/// <param name="File">The library the version is required from (the <c>vn_file</c> string).</param>
/// <param name="Version">The version name (the <c>vna_name</c> string).</param>
/// <param name="Flags">The <c>vna_flags</c> value; bit <see cref="ElfVersionPatcher.WeakFlag"/> marks it weak.</param>
/// <param name="FlagsOffset">File offset of the two-byte <c>vna_flags</c> field.</param>
internal sealed record ElfVersionRequirement(string File, string Version, ushort Flags, long FlagsOffset)
{
    /// <summary>Whether the dynamic linker only warns (instead of failing) when the version is missing.</summary>
    public bool IsWeak => (Flags & ElfVersionPatcher.WeakFlag) != 0;
}
