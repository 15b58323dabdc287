using System.Buffers.Binary;
using AsiArch.Sdk.TorchSharp.Runtime;

namespace AsiArch.Sdk.TorchSharp.Tests.Runtime;

public sealed class ElfVersionPatcherTests
{
    [Fact]
    public void ReadRequirements_RealShim_ListsLibStdCxxVersions()
    {
        var path = NativeShim.ShimPath();
        var requirements = ElfVersionPatcher.ReadRequirements(File.ReadAllBytes(path), path);

        Assert.Contains(requirements, r => r is { File: "libstdc++.so.6", Version: "GLIBCXX_3.4.32" });
        Assert.Contains(requirements, r => r is { File: "libc.so.6", Version: "GLIBC_2.2.5" });
        Assert.DoesNotContain(requirements, r => r.IsWeak);
    }

    [Fact]
    public void MarkWeak_RealShim_ChangesOnlyTheSelectedFlagBytes()
    {
        var path = NativeShim.ShimPath();
        var original = File.ReadAllBytes(path);
        string[] missing = ["GLIBCXX_3.4.32", "GLIBCXX_3.4.30"];

        var patched = ElfVersionPatcher.MarkWeak(original, path, r => missing.Contains(r.Version), out var weakened);

        Assert.Equal(missing.Order(), weakened.Select(w => w.Version).Order());
        Assert.Equal(original.Length, patched.Length);
        var changedOffsets = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Equal(weakened.Select(w => w.FlagsOffset).Order(), changedOffsets.Select(i => (long)i).Order());
        foreach (var w in weakened)
        {
            Assert.Equal(w.Flags | ElfVersionPatcher.WeakFlag, BinaryPrimitives.ReadUInt16LittleEndian(patched.AsSpan((int)w.FlagsOffset)));
        }

        var reread = ElfVersionPatcher.ReadRequirements(patched, path);
        Assert.Equal(missing.Order(), reread.Where(r => r.IsWeak).Select(r => r.Version).Order());
    }

    [Fact]
    public void ReadDefinitions_SystemLibStdCxx_ContainsBaseVersions()
    {
        var libStdCxx = SystemLibraries.FindLoadedLibStdCxx();
        Assert.NotNull(libStdCxx);

        var defined = ElfVersionPatcher.ReadDefinitions(File.ReadAllBytes(libStdCxx), libStdCxx);

        Assert.Contains("GLIBCXX_3.4", defined);
        Assert.Contains("CXXABI_1.3", defined);
    }

    [Fact]
    public void ReadRequirements_NotElf_ThrowsNamingTheFile()
    {
        var bytes = new byte[128];
        "hello"u8.CopyTo(bytes);

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(bytes, "bogus.so"));

        Assert.Contains("bogus.so", ex.Message, StringComparison.Ordinal);
        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequirements_TooShort_Throws()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(new byte[10], "short.so"));
        Assert.Contains("shorter than an ELF64 header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequirements_ThirtyTwoBit_Throws()
    {
        var bytes = Header();
        bytes[4] = 1;
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(bytes, "x.so"));
        Assert.Contains("64-bit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequirements_SectionTablePastEnd_Throws()
    {
        var bytes = Header();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x28), 48);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3a), 64);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(0x3c), 5);
        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(bytes, "x.so"));
        Assert.Contains("section header table runs past", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequirements_TruncatedRealShim_Throws()
    {
        var path = NativeShim.ShimPath();
        var bytes = File.ReadAllBytes(path);

        Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(bytes.AsSpan(0, bytes.Length / 2), path));
    }

    [Fact]
    public void ReadRequirements_CorruptVersionSectionOffset_Throws()
    {
        var path = NativeShim.ShimPath();
        var bytes = File.ReadAllBytes(path);
        var shoff = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(0x28));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x3c));
        for (var i = 0; i < shnum; i++)
        {
            var header = bytes.AsSpan(shoff + (i * 64));
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) == 0x6ffffffe)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(header[24..], (ulong)bytes.Length - 8);
            }
        }

        var ex = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.ReadRequirements(bytes, path));
        Assert.Contains(".gnu.version_r", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadRequirements_NoSectionTable_ReturnsEmpty()
    {
        Assert.Empty(ElfVersionPatcher.ReadRequirements(Header(), "x.so"));
    }

    private static byte[] Header()
    {
        var bytes = new byte[64];
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2;
        bytes[5] = 1;
        return bytes;
    }
}
