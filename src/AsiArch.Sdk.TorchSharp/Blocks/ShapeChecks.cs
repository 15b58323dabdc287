using static TorchSharp.torch;

namespace AsiArch.Sdk.TorchSharp.Blocks;

/// <summary>Argument checks with messages that show the offending shapes.</summary>
internal static class ShapeChecks
{
    public static void QueryKeyValue(Tensor q, Tensor k, Tensor v, string op)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        if (q.dim() != 4 || k.dim() != 4 || v.dim() != 4
            || !q.shape.SequenceEqual(k.shape)
            || v.shape[0] != q.shape[0] || v.shape[1] != q.shape[1] || v.shape[2] != q.shape[2])
        {
            throw new ArgumentException(
                $"{op} expects q, k [B, H, T, Dk] and v [B, H, T, Dv] (use Heads.Split); got q {Show(q)}, k {Show(k)}, v {Show(v)}.");
        }
    }

    public static void PerStep(Tensor? x, Tensor q, string name, string op)
    {
        if (x is null)
        {
            return;
        }

        if (x.dim() != 3 || x.shape[0] != q.shape[0] || x.shape[1] != q.shape[1] || x.shape[2] != q.shape[2])
        {
            throw new ArgumentException(
                $"{op} expects {name} [B, H, T] = [{q.shape[0]}, {q.shape[1]}, {q.shape[2]}] (use Heads.SplitScalar); got {Show(x)}.",
                name);
        }
    }

    public static string Show(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
