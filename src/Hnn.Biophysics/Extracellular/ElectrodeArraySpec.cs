using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// An array of point electrodes for extracellular recording, HNN-core's
/// <c>net.add_electrode_array(name, electrode_pos, conductivity=0.3, method="psa", min_distance=0.5)</c>
/// (docs/dev/extracellular.md §2). Construction checks every argument as HNN-core does and throws an
/// <see cref="ArgumentException"/> that names the bad value and what is allowed.
/// </summary>
public sealed class ElectrodeArraySpec
{
    /// <summary>The two approximations HNN-core offers (docs/dev/extracellular.md §3, §4).</summary>
    public static readonly IReadOnlyList<string> Methods = ["psa", "lsa"];

    /// <param name="name">Unique array name (non-empty).</param>
    /// <param name="positions">Electrode contacts (x, y, z) in µm; at least one.</param>
    /// <param name="conductivity">Extracellular conductivity σ in S/m; &gt; 0.</param>
    /// <param name="method">"psa" (point source) or "lsa" (line source).</param>
    /// <param name="minDistance">Smallest distance (µm) used between a contact and a current source; &gt; 0.</param>
    public ElectrodeArraySpec(string name, IReadOnlyList<Point3> positions, double conductivity = 0.3,
        string method = "psa", double minDistance = 0.5)
    {
        if (string.IsNullOrEmpty(name))
            throw Invalid.Argument(nameof(name), name, "an electrode array needs a name", "a non-empty string");
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0)
            throw Invalid.Argument(nameof(positions), positions, "no electrode contact given",
                "one or more (x, y, z) coordinate triplets in µm");
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z))
                throw Invalid.Argument($"{nameof(positions)}[{i}]", $"({p.X}, {p.Y}, {p.Z})",
                    "a coordinate is not a finite number", "finite (x, y, z) coordinates in µm");
        }
        // HNN-core's wording: "conductivity must be a positive number" (docs/dev/extracellular.md §2).
        if (!(conductivity > 0.0))
            throw Invalid.Argument(nameof(conductivity), conductivity, "conductivity must be a positive number",
                "a finite number > 0 (S/m)");
        if (!double.IsFinite(conductivity))
            throw Invalid.Argument(nameof(conductivity), conductivity, "conductivity must be finite",
                "a finite number > 0 (S/m)");
        if (!(minDistance > 0.0) || !double.IsFinite(minDistance))
            throw Invalid.Argument(nameof(minDistance), minDistance, "min_distance must be a positive number",
                "a finite number > 0 (µm)");
        if (method is null || !Methods.Contains(method))
            throw Invalid.Argument(nameof(method), method, "unknown method", Invalid.List(Methods));

        Name = name;
        Positions = positions.ToArray();
        Conductivity = conductivity;
        Method = method;
        MinDistance = minDistance;
    }

    public string Name { get; }

    /// <summary>Contact positions (µm), in the given order (the row order of every result).</summary>
    public IReadOnlyList<Point3> Positions { get; }

    /// <summary>σ (S/m).</summary>
    public double Conductivity { get; }

    /// <summary>"psa" or "lsa".</summary>
    public string Method { get; }

    /// <summary>µm.</summary>
    public double MinDistance { get; }

    public int ContactCount => Positions.Count;

    internal bool IsLineSource => Method == "lsa";
}
