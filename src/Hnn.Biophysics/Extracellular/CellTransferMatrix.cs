using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Extracellular;

/// <summary>
/// The transfer resistances of one placed cell to every contact of an electrode array
/// (docs/dev/extracellular.md §7): a contact-major matrix W[contact, segment] in µV/nA, with the
/// segments in the order of <see cref="SegmentOrder"/> (sections in <see cref="CellTemplate.Sections"/>
/// order, segments 0 … nseg−1 from the 0 end). <see cref="Accumulate"/> adds W · i_membrane to the
/// contacts' potentials; it allocates nothing.
/// </summary>
internal sealed class CellTransferMatrix
{
    private readonly double[] _weights; // [contact * SegmentCount + segment]
    private readonly string[] _sectionNames;

    private CellTransferMatrix(double[] weights, int contacts, int segments, int[] sectionFirstSegment, string[] sectionNames)
    {
        _weights = weights;
        ContactCount = contacts;
        SegmentCount = segments;
        SectionFirstSegment = sectionFirstSegment;
        _sectionNames = sectionNames;
    }

    public int ContactCount { get; }

    /// <summary>Segments of the cell (its i_membrane_ values per step).</summary>
    public int SegmentCount { get; }

    /// <summary>Index of each section's first segment (template order); one more entry, the total, at the end.</summary>
    public IReadOnlyList<int> SectionFirstSegment { get; }

    public IReadOnlyList<string> SectionNames => _sectionNames;

    /// <summary>(section, segment index within it) of every column, in column order.</summary>
    public IEnumerable<(string Section, int Segment)> SegmentOrder()
    {
        for (var s = 0; s < SectionNames.Count; s++)
            for (var k = 0; k < SectionFirstSegment[s + 1] - SectionFirstSegment[s]; k++)
                yield return (SectionNames[s], k);
    }

    /// <summary>The column of segment <paramref name="segment"/> of section <paramref name="section"/>.</summary>
    public int Column(string section, int segment)
    {
        var s = Array.IndexOf(_sectionNames, section);
        if (s < 0) throw new ArgumentException($"section '{section}' is not in this cell; allowed: {string.Join(", ", SectionNames)}", nameof(section));
        var n = SectionFirstSegment[s + 1] - SectionFirstSegment[s];
        if (segment < 0 || segment >= n) throw new ArgumentOutOfRangeException(nameof(segment), segment, $"section '{section}' has {n} segments");
        return SectionFirstSegment[s] + segment;
    }

    /// <summary>W[contact, column] in µV/nA.</summary>
    public double this[int contact, int column] => _weights[contact * SegmentCount + column];

    /// <summary>Row <paramref name="contact"/> of W (one weight per segment).</summary>
    public ReadOnlySpan<double> Row(int contact) => _weights.AsSpan(contact * SegmentCount, SegmentCount);

    /// <summary>The matrix of <paramref name="template"/> placed at <paramref name="position"/> (NEURON's geometry, §5).</summary>
    public static CellTransferMatrix Build(CellTemplate template, Position position, ElectrodeArraySpec array) =>
        Build(NeuronSectionGeometry.Place(template, position), array);

    /// <summary>The matrix of sections given as NEURON holds them.</summary>
    public static CellTransferMatrix Build(IReadOnlyList<SectionLine> sections, ElectrodeArraySpec array)
    {
        var first = new int[sections.Count + 1];
        for (var s = 0; s < sections.Count; s++) first[s + 1] = first[s] + sections[s].SegmentCount;
        var segments = first[^1];
        var contacts = array.ContactCount;
        var weights = new double[contacts * segments];
        for (var c = 0; c < contacts; c++)
            for (var s = 0; s < sections.Count; s++)
                TransferResistance.Compute(sections[s], array.Positions[c], array.Conductivity, array.IsLineSource,
                    array.MinDistance, weights.AsSpan(c * segments + first[s], sections[s].SegmentCount));
        return new CellTransferMatrix(weights, contacts, segments, first, sections.Select(s => s.Name).ToArray());
    }

    /// <summary>
    /// potentials[c] += Σ_j W[c, j] · membraneCurrents[j] (µV), for one step of one cell
    /// (docs/dev/extracellular.md §8); <paramref name="membraneCurrents"/> are NEURON's i_membrane_ in nA, in
    /// column order.
    /// </summary>
    public void Accumulate(ReadOnlySpan<double> membraneCurrents, Span<double> potentials)
    {
        if (membraneCurrents.Length != SegmentCount)
            throw new ArgumentException($"{membraneCurrents.Length} membrane currents given; the cell has {SegmentCount} segments", nameof(membraneCurrents));
        if (potentials.Length != ContactCount)
            throw new ArgumentException($"{potentials.Length} potentials given; the array has {ContactCount} contacts", nameof(potentials));
        var w = _weights.AsSpan();
        var n = SegmentCount;
        for (var c = 0; c < potentials.Length; c++)
        {
            var row = w.Slice(c * n, n);
            var sum = 0.0;
            for (var j = 0; j < n; j++) sum += row[j] * membraneCurrents[j];
            potentials[c] += sum;
        }
    }
}
