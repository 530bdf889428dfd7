namespace Hnn.Biophysics.Solver;

/// <summary>
/// NEURON's TABLE statement (docs/dev/mechanisms.md §3): the outputs of a rate procedure sampled on
/// N+1 grid points of an accumulated grid lo, lo+dx, …, looked up by linear interpolation and
/// clamped to the end entries outside [lo, hi]. Entries are stored point-major (all outputs of
/// one grid point together) so that one index serves every output of a lookup.
/// </summary>
internal sealed unsafe class RateTable
{
    /// <param name="lo">Table start (mV).</param>
    /// <param name="hi">Table end (mV).</param>
    /// <param name="intervals">N: the table has N+1 entries.</param>
    /// <param name="outputs">Number of tabulated quantities.</param>
    /// <param name="rates">Fills the outputs at one argument value, exactly as the mod file.</param>
    public RateTable(double lo, double hi, int intervals, int outputs, Action<double, Span<double>> rates)
    {
        Lo = lo;
        Intervals = intervals;
        Outputs = outputs;
        var dx = (hi - lo) / intervals;
        InverseStep = 1.0 / dx;
        // One padding point after the last repeats it, so the clamped top lookup
        // (offset N, θ = 0) returns entry N exactly, without a branch per output.
        Entries = GC.AllocateArray<double>((intervals + 2) * outputs, pinned: true);
        var x = lo;
        for (var i = 0; i <= intervals; i++, x += dx)
            rates(x, Entries.AsSpan(i * outputs, outputs));
        Entries.AsSpan(intervals * outputs, outputs).CopyTo(Entries.AsSpan((intervals + 1) * outputs));
        // Output-major pairs (T[i], T[i+1] − T[i]) so that one 16-byte load per lane feeds an
        // interpolation: far cheaper than two gathers on the CPUs we run on. The difference is
        // the double the lookup would compute, so T[i] + θ·Δ is NEURON's interpolation exactly.
        Pairs = GC.AllocateArray<double>(outputs * (intervals + 1) * 2, pinned: true);
        for (var k = 0; k < outputs; k++)
        for (var i = 0; i <= intervals; i++)
        {
            Pairs[(k * (intervals + 1) + i) * 2] = Entries[i * outputs + k];
            Pairs[(k * (intervals + 1) + i) * 2 + 1] = Entries[(i + 1) * outputs + k] - Entries[i * outputs + k];
        }
        PairPointer = (double*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref Pairs[0]);
    }

    public double Lo { get; }
    public int Intervals { get; }
    public int Outputs { get; }

    /// <summary>1/dx, as NEURON's _mfac: the lookup multiplies, never divides.</summary>
    public double InverseStep { get; }

    /// <summary>Point-major entries: Entries[i * Outputs + k], i = 0 … N+1 (N+1 repeats N).</summary>
    public double[] Entries { get; }

    /// <summary>Pairs[(k·(N+1) + i)·2] = entry i of output k, Pairs[… + 1] = entry i + 1 minus entry i.</summary>
    internal double[] Pairs { get; }

    /// <summary>Address of <see cref="Pairs"/> (pinned object heap: it never moves).</summary>
    internal double* PairPointer { get; }

    /// <summary>Offset (in doubles) between consecutive outputs in <see cref="Pairs"/>.</summary>
    internal int PairStride => (Intervals + 1) * 2;

    /// <summary>
    /// Locates <paramref name="v"/>: the base offset of the lower grid point into
    /// <see cref="Entries"/> and the interpolation weight θ (0 outside the range).
    /// </summary>
    public void Locate(double v, out int offset, out double theta)
    {
        var xi = InverseStep * (v - Lo);
        if (xi <= 0.0 || double.IsNaN(xi))
        {
            offset = 0;
            theta = 0.0;
        }
        else if (xi >= Intervals)
        {
            offset = Intervals * Outputs;
            theta = 0.0;
        }
        else
        {
            var i = (int)xi;
            offset = i * Outputs;
            theta = xi - i;
        }
    }

    /// <summary>Interpolated output <paramref name="k"/> at a located point.</summary>
    public double Value(int offset, double theta, int k)
    {
        var lower = Entries[offset + k];
        return lower + theta * (Entries[offset + Outputs + k] - lower);
    }

    /// <summary>Scalar lookup of one output (tests and initialisation).</summary>
    public double Lookup(double v, int k)
    {
        Locate(v, out var offset, out var theta);
        return Value(offset, theta, k);
    }
}
