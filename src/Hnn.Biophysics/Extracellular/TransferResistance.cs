using Hnn.Biophysics.Morphology;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// HNN-core's transfer resistance between one section and one electrode (docs/dev/extracellular.md §3–§6):
/// one weight per segment that turns the segment's membrane current (nA) into the potential at the
/// electrode (µV), so a weight is in µV/nA = kΩ. The arithmetic follows HNN-core's operation by
/// operation, so that the weights agree to rounding.
/// </summary>
internal static class TransferResistance
{
    /// <summary>Writes the <see cref="SectionLine.SegmentCount"/> weights (µV/nA) of <paramref name="section"/> into <paramref name="weights"/>.</summary>
    public static void Compute(in SectionLine section, Point3 electrode, double conductivity, bool lineSource,
        double minDistance, Span<double> weights)
    {
        var n = section.SegmentCount;
        if (weights.Length < n) throw new ArgumentException($"weights has {weights.Length} entries; the section has {n} segments", nameof(weights));
        double sx = section.Start.X, sy = section.Start.Y, sz = section.Start.Z;
        double vx = section.End.X - sx, vy = section.End.Y - sy, vz = section.End.Z - sz;
        // §6: 1000 · φ / (4π σ); φ in 1/µm, σ in S/m → µV per nA.
        var denominator = 4.0 * Math.PI * conductivity;
        if (!lineSource)
        {
            for (var k = 0; k < n; k++)
            {
                var x = (k + 0.5) / n;
                double dx = electrode.X - (sx + x * vx), dy = electrode.Y - (sy + x * vy), dz = electrode.Z - (sz + x * vz);
                var dis = Math.Sqrt(dx * dx + dy * dy + dz * dz);
                dis = Math.Max(dis, minDistance);
                weights[k] = 1000.0 * (1.0 / dis) / denominator;
            }
            return;
        }

        var length = section.Length;
        var normV = Math.Sqrt(vx * vx + vy * vy + vz * vz);
        var minR2 = minDistance * minDistance;
        for (var k = 0; k < n; k++)
        {
            var x = (k + 0.5) / n;
            double cx = sx + x * vx, cy = sy + x * vy, cz = sz + x * vz;
            var half = HalfLength(k, n, length);
            double ox = half * vx / normV, oy = half * vy / normV, oz = half * vz / normV;
            double ex = cx + ox, ey = cy + oy, ez = cz + oz;
            double ax = ex - (cx - ox), ay = ey - (cy - oy), az = ez - (cz - oz);
            var normA = Math.Sqrt(ax * ax + ay * ay + az * az);
            double bx = electrode.X - ex, by = electrode.Y - ey, bz = electrode.Z - ez;
            var h = (bx * ax + by * ay + bz * az) / normA;
            var l = h + normA;
            var r2 = (bx * bx + by * by + bz * bz) - h * h;
            r2 = Math.Max(r2, minR2);
            double num, den;
            if (l < 0 && h < 0)
            {
                num = Math.Sqrt(h * h + r2) - h;
                den = Math.Sqrt(l * l + r2) - l;
            }
            else if (l > 0 && h < 0)
            {
                num = (Math.Sqrt(h * h + r2) - h) * (l + Math.Sqrt(l * l + r2));
                den = r2;
            }
            else
            {
                num = Math.Sqrt(l * l + r2) + l;
                den = Math.Sqrt(h * h + r2) + h;
            }
            weights[k] = 1000.0 * (Math.Log(num / den) / normA) / denominator;
        }
    }

    /// <summary>
    /// The half-length of segment k's line source (docs/dev/extracellular.md §4.1): x₀·L for the first
    /// segment, then the distance from each segment's centre to the next centre, and L − x_{n−1}·L for the last.
    /// </summary>
    internal static double HalfLength(int k, int n, double length)
    {
        if (k == 0) return (0.5 / n) * length - 0.0;
        if (k == n - 1) return length - ((k + 0.5) / n) * length;
        return ((k + 1.5) / n) * length - ((k + 0.5) / n) * length;
    }
}
