using System.Buffers.Binary;
using System.Text;

namespace AsiArch.Sdk.TorchSharp.Runtime;

/// <summary>
/// Reads the symbol-versioning sections of little-endian ELF64 shared objects and marks version requirements weak.
/// </summary>
/// <remarks>
/// A requirement flagged <c>VER_FLG_WEAK</c> that the providing library lacks makes glibc's dynamic linker warn
/// instead of refusing to load the object. TorchSharp 0.107's <c>libLibTorchSharp.so</c> requires
/// <c>GLIBCXX_3.4.32</c> for one symbol it never uses; marking that single requirement weak lets it load with an older
/// system libstdc++. Every offset read from the file is bounds-checked: a malformed file yields
/// <see cref="InvalidDataException"/>, never an out-of-range access.
/// </remarks>
internal static class ElfVersionPatcher
{
    /// <summary>The <c>VER_FLG_WEAK</c> bit of <c>vna_flags</c>.</summary>
    public const ushort WeakFlag = 0x2;

    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const int SectionHeaderSize = 64;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;

    // A real object has a few dozen entries; this only stops a crafted cyclic chain.
    private const int MaxChainLength = 1 << 16;

    /// <summary>Lists every version requirement in the object's <c>.gnu.version_r</c> section (empty when absent).</summary>
    /// <param name="elf">The whole file.</param>
    /// <param name="source">A name for error messages (usually the path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed little-endian ELF64 object.</exception>
    public static IReadOnlyList<ElfVersionRequirement> ReadRequirements(ReadOnlySpan<byte> elf, string source)
    {
        var result = new List<ElfVersionRequirement>();
        var sections = ReadSections(elf, source);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerneed)
            {
                continue;
            }

            var strings = StringTable(elf, sections, section.Link, source);
            var data = Slice(elf, section.Offset, section.Size, source, ".gnu.version_r");
            long entry = 0;
            for (var i = 0; i < section.Info; i++)
            {
                Require(entry + VerneedSize <= data.Length, source, ".gnu.version_r entry runs past the section");
                var e = data.Slice((int)entry);
                var count = BinaryPrimitives.ReadUInt16LittleEndian(e[2..]);
                var file = ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(e[4..]), source);
                long aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(e[8..]);
                for (var j = 0; j < count; j++)
                {
                    Require(aux >= 0 && aux + VernauxSize <= data.Length, source, "Vernaux entry runs past the section");
                    var a = data.Slice((int)aux);
                    var flags = BinaryPrimitives.ReadUInt16LittleEndian(a[4..]);
                    var name = ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(a[8..]), source);
                    result.Add(new ElfVersionRequirement(file, name, flags, section.Offset + aux + 4));
                    var next = BinaryPrimitives.ReadUInt32LittleEndian(a[12..]);
                    if (next == 0)
                    {
                        break;
                    }

                    aux += next;
                }

                var nextEntry = BinaryPrimitives.ReadUInt32LittleEndian(e[12..]);
                if (nextEntry == 0)
                {
                    break;
                }

                entry += nextEntry;
            }
        }

        return result;
    }

    /// <summary>Lists the version names an object defines in <c>.gnu.version_d</c> (e.g. libstdc++'s <c>GLIBCXX_*</c>).</summary>
    /// <param name="elf">The whole file.</param>
    /// <param name="source">A name for error messages (usually the path).</param>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed little-endian ELF64 object.</exception>
    public static IReadOnlySet<string> ReadDefinitions(ReadOnlySpan<byte> elf, string source)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var sections = ReadSections(elf, source);
        foreach (var section in sections)
        {
            if (section.Type != ShtGnuVerdef)
            {
                continue;
            }

            var strings = StringTable(elf, sections, section.Link, source);
            var data = Slice(elf, section.Offset, section.Size, source, ".gnu.version_d");
            long entry = 0;
            for (var i = 0; i < section.Info; i++)
            {
                Require(entry + VerdefSize <= data.Length, source, ".gnu.version_d entry runs past the section");
                var e = data.Slice((int)entry);
                var count = BinaryPrimitives.ReadUInt16LittleEndian(e[6..]);
                var aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(e[12..]);
                if (count > 0)
                {
                    // The first Verdaux names the version itself; later ones name its parents.
                    Require(aux >= 0 && aux + VerdauxSize <= data.Length, source, "Verdaux entry runs past the section");
                    result.Add(ReadString(strings, BinaryPrimitives.ReadUInt32LittleEndian(data[(int)aux..]), source));
                }

                var next = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        return result;
    }

    /// <summary>
    /// Returns a copy of <paramref name="elf"/> in which the requirements selected by <paramref name="shouldWeaken"/>
    /// carry <see cref="WeakFlag"/>. Only those two-byte flag fields change; every other byte is copied unchanged.
    /// </summary>
    /// <param name="elf">The whole file.</param>
    /// <param name="source">A name for error messages (usually the path).</param>
    /// <param name="shouldWeaken">Chooses the requirements to weaken.</param>
    /// <param name="weakened">The requirements that were changed (already-weak ones are not listed).</param>
    /// <exception cref="InvalidDataException">The bytes are not a well-formed little-endian ELF64 object.</exception>
    public static byte[] MarkWeak(
        ReadOnlySpan<byte> elf,
        string source,
        Func<ElfVersionRequirement, bool> shouldWeaken,
        out IReadOnlyList<ElfVersionRequirement> weakened)
    {
        ArgumentNullException.ThrowIfNull(shouldWeaken);
        var copy = elf.ToArray();
        var changed = new List<ElfVersionRequirement>();
        foreach (var requirement in ReadRequirements(elf, source))
        {
            if (requirement.IsWeak || !shouldWeaken(requirement))
            {
                continue;
            }

            BinaryPrimitives.WriteUInt16LittleEndian(
                copy.AsSpan((int)requirement.FlagsOffset, 2),
                (ushort)(requirement.Flags | WeakFlag));
            changed.Add(requirement);
        }

        weakened = changed;
        return copy;
    }

    private static List<Section> ReadSections(ReadOnlySpan<byte> elf, string source)
    {
        Require(elf.Length >= 64, source, "file is shorter than an ELF64 header");
        Require(elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F', source,
            "no ELF magic number (not a shared library)");
        Require(elf[4] == 2, source, "not a 64-bit ELF object");
        Require(elf[5] == 1, source, "not a little-endian ELF object");

        var shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3a..]);
        long shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3c..]);
        if (shoff == 0)
        {
            return [];
        }

        Require(shentsize >= SectionHeaderSize, source, $"section header size {shentsize} is smaller than 64 bytes");
        Require(shoff < (ulong)elf.Length, source, "section header table starts past the end of the file");
        if (shnum == 0)
        {
            // Extended numbering: the real count lives in section 0's sh_size.
            Require((long)shoff + SectionHeaderSize <= elf.Length, source, "section header 0 runs past the end of the file");
            var extended = BinaryPrimitives.ReadUInt64LittleEndian(elf[((int)shoff + 32)..]);
            Require(extended <= MaxChainLength, source, "implausible section count");
            shnum = (long)extended;
        }

        Require((long)shoff + (shnum * shentsize) <= elf.Length, source, "section header table runs past the end of the file");
        var sections = new List<Section>((int)shnum);
        for (var i = 0; i < shnum; i++)
        {
            var h = elf[((int)shoff + (i * shentsize))..];
            sections.Add(new Section(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                Offset: ToLong(BinaryPrimitives.ReadUInt64LittleEndian(h[24..]), source),
                Size: ToLong(BinaryPrimitives.ReadUInt64LittleEndian(h[32..]), source),
                Link: BinaryPrimitives.ReadUInt32LittleEndian(h[40..]),
                Info: (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(h[44..]), MaxChainLength)));
        }

        return sections;
    }

    private static ReadOnlySpan<byte> StringTable(ReadOnlySpan<byte> elf, List<Section> sections, uint link, string source)
    {
        Require(link < sections.Count, source, $"version section links to missing string table {link}");
        var table = sections[(int)link];
        return Slice(elf, table.Offset, table.Size, source, "string table");
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> elf, long offset, long size, string source, string what)
    {
        Require(offset >= 0 && size >= 0 && offset <= elf.Length && size <= elf.Length - offset, source,
            $"{what} section (offset {offset}, size {size}) runs past the end of the file");
        return elf.Slice((int)offset, (int)size);
    }

    private static string ReadString(ReadOnlySpan<byte> strings, uint offset, string source)
    {
        Require(offset < strings.Length, source, $"string offset {offset} is outside the string table");
        var rest = strings[(int)offset..];
        var end = rest.IndexOf((byte)0);
        Require(end >= 0, source, "unterminated string in the string table");
        return Encoding.UTF8.GetString(rest[..end]);
    }

    private static long ToLong(ulong value, string source)
    {
        Require(value <= int.MaxValue, source, $"offset or size {value} is too large");
        return (long)value;
    }

    private static void Require(bool condition, string source, string problem)
    {
        if (!condition)
        {
            throw new InvalidDataException($"'{source}' is not a valid little-endian ELF64 shared library: {problem}.");
        }
    }

    private sealed record Section(uint Type, long Offset, long Size, uint Link, int Info);
}
