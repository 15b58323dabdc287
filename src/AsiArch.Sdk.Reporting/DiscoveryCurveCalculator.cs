using MathNet.Numerics;
using MathNet.Numerics.LinearRegression;

namespace AsiArch.Sdk.Reporting;

/// <summary>
/// Builds the discovery curve. Compute hours accumulate <see cref="ExperimentCosts.ComputeSeconds"/> in index
/// (creation) order; a candidate "beats the seed" when its fitness total is above the seed's (or, without a scored
/// seed, when its loss and benchmark components together beat parity with the baseline); a verified discovery is a
/// promotion the loop marked <see cref="PromotionSummary.IsDiscovery"/>, counted at its last promotion record.
/// </summary>
public static class DiscoveryCurveCalculator
{
    /// <summary>Computes the curve and its linear trends.</summary>
    /// <param name="experiments">Every experiment of the run.</param>
    /// <param name="promotions">The verification outcomes.</param>
    public static DiscoveryCurve Compute(IReadOnlyList<ExperimentRecord> experiments, IReadOnlyList<PromotionSummary> promotions)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        ArgumentNullException.ThrowIfNull(promotions);
        var ordered = experiments.OrderBy(e => e.Index).ToList();
        var seed = ordered.FirstOrDefault(e => e.Kind == ExperimentKind.Seed && e.Score is not null);
        Func<ExperimentRecord, bool> beats;
        string reference;
        if (seed is not null)
        {
            var seedScore = seed.Score!.Value;
            beats = e => e.Score > seedScore;
            reference = $"fitness above the seed {seed.Name} (#{seed.Index}, {seedScore:0.###})";
        }
        else
        {
            // Loss and benchmark components are each 0.5 at parity with the baseline.
            beats = e => e.Fitness is { } f && f.LossComponent + f.BenchmarkComponent > 1.0;
            reference = "loss + benchmark components above parity with the baseline (no scored seed in the run)";
        }

        var discoveryAt = new Dictionary<long, int>();
        foreach (var promotion in promotions.Where(p => p.IsDiscovery))
        {
            var at = promotion.PromotionIndexes.Count > 0 ? promotion.PromotionIndexes.Max() : promotion.CandidateIndex;
            discoveryAt[at] = discoveryAt.GetValueOrDefault(at) + 1;
        }

        var points = new List<DiscoveryPoint>(ordered.Count);
        double seconds = 0;
        int beating = 0, discoveries = 0;
        foreach (var e in ordered)
        {
            seconds += Math.Max(0, e.Costs.ComputeSeconds);
            if (e.Kind == ExperimentKind.Candidate && beats(e))
            {
                beating++;
            }

            discoveries += discoveryAt.GetValueOrDefault(e.Index);
            points.Add(new DiscoveryPoint
            {
                ExperimentIndex = e.Index,
                ComputeHours = seconds / 3600.0,
                CandidatesBeatingSeed = beating,
                VerifiedDiscoveries = discoveries,
            });
        }

        // Discoveries recorded at an index beyond the last experiment still count at the end.
        var late = discoveryAt.Where(kv => ordered.Count == 0 || kv.Key > ordered[^1].Index).Sum(kv => kv.Value);
        if (late > 0 && points.Count > 0)
        {
            points[^1] = points[^1] with { VerifiedDiscoveries = points[^1].VerifiedDiscoveries + late };
        }

        return new DiscoveryCurve
        {
            Points = points,
            Reference = reference,
            BeatingSeedTrend = Fit(points, p => p.CandidatesBeatingSeed),
            DiscoveryTrend = Fit(points, p => p.VerifiedDiscoveries),
        };
    }

    /// <summary>Least-squares line through (x, y); null when x has fewer than two distinct values.</summary>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates, same length.</param>
    public static LinearTrend? FitLine(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"x has {x.Count} values and y has {y.Count}; they must match.", nameof(y));
        }

        if (x.Distinct().Take(2).Count() < 2)
        {
            return null;
        }

        var xs = x.ToArray();
        var ys = y.ToArray();
        var (intercept, slope) = SimpleRegression.Fit(xs, ys);
        var fitted = xs.Select(v => intercept + (slope * v)).ToArray();
        var r2 = ys.Distinct().Take(2).Count() < 2 ? double.NaN : GoodnessOfFit.CoefficientOfDetermination(fitted, ys);
        return new LinearTrend { Intercept = intercept, Slope = slope, RSquared = r2, Points = xs.Length };
    }

    private static LinearTrend? Fit(IReadOnlyList<DiscoveryPoint> points, Func<DiscoveryPoint, int> y) =>
        FitLine(points.Select(p => p.ComputeHours).ToList(), points.Select(p => (double)y(p)).ToList());
}
