namespace Hnn.Biophysics.Morphology;

/// <summary>A point in 3-D space (µm).</summary>
public readonly record struct Point3(double X, double Y, double Z);

/// <summary>
/// One unbranched cable of a cell template (docs/dev/cells.md §3–§6): geometry, passive
/// properties, initial voltage and where its 0 end attaches to its parent.
/// </summary>
/// <param name="Name">Section name without the cell prefix, e.g. "apical_tuft".</param>
/// <param name="Length">L (µm).</param>
/// <param name="Diameter">Nominal diameter (µm); the solver uses its float32 rounding.</param>
/// <param name="AxialResistivity">Ra (Ω·cm).</param>
/// <param name="Capacitance">cm (µF/cm²).</param>
/// <param name="InitialVoltage">v0 (mV).</param>
/// <param name="Parent">Parent section name; null for the soma (root).</param>
/// <param name="ParentEnd">x of the parent at which this section's 0 end attaches (0 or 1).</param>
/// <param name="Start">3-D point of the 0 end, relative to the cell position.</param>
/// <param name="End">3-D point of the 1 end, relative to the cell position.</param>
public sealed record SectionSpec(
    string Name,
    double Length,
    double Diameter,
    double AxialResistivity,
    double Capacitance,
    double InitialVoltage,
    string? Parent,
    double ParentEnd,
    Point3 Start,
    Point3 End)
{
    /// <summary>HNN-core's segment rule (docs/dev/cells.md §3.1): 1 up to 100 µm, else floor(L/50) made odd.</summary>
    public int SegmentCount
    {
        get
        {
            if (Length <= 100.0) return 1;
            var n = (int)Math.Floor(Length / 50.0);
            return n % 2 == 0 ? n + 1 : n;
        }
    }

    /// <summary>The diameter NEURON uses: 3-D point diameters are stored as float32 (docs/dev/cells.md §3.7).</summary>
    public double SolverDiameter => (double)(float)Diameter;

    /// <summary>Unit vector from the 0 end to the 1 end.</summary>
    public Point3 Direction
    {
        get
        {
            double dx = End.X - Start.X, dy = End.Y - Start.Y, dz = End.Z - Start.Z;
            var n = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            return new Point3(dx / n, dy / n, dz / n);
        }
    }
}
