using AsiArch.Sdk.TorchSharp.Runtime;

namespace AsiArch.Sdk.TorchSharp.Tests.Runtime;

public sealed class PatchedShimCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-shimcache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_FreshRoot_WritesCopyAndLinksSiblings()
    {
        var backend = Backend("libc10.so", "libtorch.so", "libgomp-1.so.1", "README.txt");
        byte[] content = [1, 2, 3];

        var path = PatchedShimCache.Write(content, "libLibTorchSharp.so", backend, [Path.Combine(_root, "cache")]);

        Assert.Equal(content, File.ReadAllBytes(path));
        var dir = Path.GetDirectoryName(path)!;
        Assert.Equal(Path.Combine(backend, "libc10.so"), new FileInfo(Path.Combine(dir, "libc10.so")).LinkTarget);
        Assert.Equal(Path.Combine(backend, "libgomp-1.so.1"), new FileInfo(Path.Combine(dir, "libgomp-1.so.1")).LinkTarget);
        Assert.False(File.Exists(Path.Combine(dir, "README.txt")));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void Write_SecondTime_ReusesTheEntry()
    {
        var backend = Backend("libc10.so");
        var roots = new[] { Path.Combine(_root, "cache") };

        var first = PatchedShimCache.Write([7, 7], "libLibTorchSharp.so", backend, roots);
        var stamp = File.GetLastWriteTimeUtc(first);
        var second = PatchedShimCache.Write([7, 7], "libLibTorchSharp.so", backend, roots);

        Assert.Equal(first, second);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(second));
    }

    [Fact]
    public void Write_DifferentContent_UsesDifferentEntry()
    {
        var backend = Backend("libc10.so");
        var roots = new[] { Path.Combine(_root, "cache") };

        var a = PatchedShimCache.Write([1], "libLibTorchSharp.so", backend, roots);
        var b = PatchedShimCache.Write([2], "libLibTorchSharp.so", backend, roots);

        Assert.NotEqual(a, b);
        Assert.Equal([1], File.ReadAllBytes(a));
    }

    [Fact]
    public void Write_FirstRootUnusable_FallsBackToNext()
    {
        var backend = Backend("libc10.so");
        var blocker = Path.Combine(_root, "not-a-dir");
        File.WriteAllText(blocker, "a file where a directory should be");

        var path = PatchedShimCache.Write([5], "libLibTorchSharp.so", backend, [blocker, Path.Combine(_root, "ok")]);

        Assert.StartsWith(Path.Combine(_root, "ok"), path, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoUsableRoot_ThrowsNamingTheOption()
    {
        var backend = Backend("libc10.so");
        var blocker = Path.Combine(_root, "not-a-dir");
        File.WriteAllText(blocker, "x");

        var ex = Assert.Throws<TorchRuntimeException>(() => PatchedShimCache.Write([5], "libLibTorchSharp.so", backend, [blocker]));

        Assert.Contains(nameof(TorchRuntimeOptions.CacheDirectory), ex.Message, StringComparison.Ordinal);
        Assert.Contains(blocker, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CacheRoots_Configured_ComesFirst()
    {
        var roots = PatchedShimCache.CacheRoots("/custom/cache");

        Assert.Equal("/custom/cache", roots[0]);
        Assert.Contains(roots, r => r.StartsWith(Path.GetTempPath(), StringComparison.Ordinal));
    }

    private string Backend(params string[] files)
    {
        var dir = Path.Combine(_root, "backend");
        Directory.CreateDirectory(dir);
        foreach (var f in files)
        {
            File.WriteAllText(Path.Combine(dir, f), f);
        }

        return dir;
    }
}
