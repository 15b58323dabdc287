using System.Globalization;
using System.Net;
using System.Text;

namespace AsiArch.Sdk.Reporting.Rendering;

/// <summary>
/// Draws a <see cref="LineageLayout"/> as an inline SVG: one circle per experiment (colour by fitness, grey when
/// unscored, red outline when failed, square for seeds and baselines), an edge from each parent, and the index as a
/// label; the name and score are in the tooltip. Every text is XML-escaped.
/// </summary>
public static class LineageSvgRenderer
{
    private const double SlotWidth = 46;
    private const double RowHeight = 56;
    private const double Margin = 24;
    private const double Radius = 10;

    /// <summary>Renders the tree; each node links to <c>#exp-{index}</c>.</summary>
    /// <param name="layout">The layout.</param>
    public static string Render(LineageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var width = (Math.Max(1, layout.Width) * SlotWidth) + (2 * Margin);
        var height = (Math.Max(1, layout.Height) * RowHeight) + (2 * Margin);
        var scores = layout.Nodes.Where(n => n.Score is not null).Select(n => n.Score!.Value).ToList();
        var (min, max) = scores.Count == 0 ? (0.0, 1.0) : (scores.Min(), scores.Max());
        var position = layout.Nodes.ToDictionary(n => n.Index, n => (X: Margin + (n.Slot * SlotWidth) + (SlotWidth / 2), Y: Margin + (n.Depth * RowHeight) + Radius));

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage\" role=\"img\" aria-label=\"Lineage tree\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\">");
        sb.Append("<g stroke=\"#999\" stroke-width=\"1.2\" fill=\"none\">");
        foreach (var n in layout.Nodes.Where(n => n.Parent is not null && position.ContainsKey(n.Parent.Value)))
        {
            var (x1, y1) = position[n.Parent!.Value];
            var (x2, y2) = position[n.Index];
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{x1:0.#},{y1 + Radius:0.#} C{x1:0.#},{(y1 + y2) / 2:0.#} {x2:0.#},{(y1 + y2) / 2:0.#} {x2:0.#},{y2 - Radius:0.#}\"/>");
        }

        sb.Append("</g>");
        foreach (var n in layout.Nodes)
        {
            var (x, y) = position[n.Index];
            var fill = n.Score is { } s ? Color(max > min ? (s - min) / (max - min) : 1.0) : "#d0d0d0";
            var stroke = n.Status == ExperimentStatus.Failed ? "#c62828" : "#333";
            var title = WebUtility.HtmlEncode(
                $"#{n.Index} {n.Name} ({n.Kind}, {n.Status}{(n.Score is { } sc ? string.Create(CultureInfo.InvariantCulture, $", fitness {sc:0.###}") : "")})");
            sb.Append(CultureInfo.InvariantCulture, $"<a href=\"#exp-{n.Index}\"><g><title>{title}</title>");
            if (n.Kind is ExperimentKind.Seed or ExperimentKind.Baseline)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x - Radius:0.#}\" y=\"{y - Radius:0.#}\" width=\"{2 * Radius:0}\" height=\"{2 * Radius:0}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"{Radius:0}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"/>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + Radius + 2:0.#}\" y=\"{y + 3.5:0.#}\" font-size=\"10\" fill=\"#222\">{n.Index}</text></g></a>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A blue (worst) to orange (best) ramp for a value in [0, 1].</summary>
    private static string Color(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1);
        var r = (int)Math.Round(40 + (215 * t));
        var g = (int)Math.Round(110 + (50 * t));
        var b = (int)Math.Round(200 - (170 * t));
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }
}
