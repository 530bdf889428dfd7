using System.Globalization;
using System.Text;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Recording;

/// <summary>
/// A trial's current dipole as HNN-core returns it (docs/dev/dipole.md, docs/dev/api.md §3): time (ms) and the
/// columns agg, L2, L5 in nAm (times <see cref="ScaleApplied"/>). The methods change the
/// dipole in place and return it, as HNN-core's do.
/// </summary>
public sealed class Dipole
{
    public const string Agg = "agg", L2 = "L2", L5 = "L5";

    private readonly Dictionary<string, double[]> _data;

    public Dipole(double[] times, IReadOnlyDictionary<string, double[]> data, int nave = 1, double scaleApplied = 1.0)
    {
        if (times.Length < 2) throw new ArgumentException($"a dipole needs at least 2 samples, got {times.Length}", nameof(times));
        foreach (var (key, column) in data)
            if (column.Length != times.Length)
                throw new ArgumentException($"column '{key}' has {column.Length} samples but there are {times.Length} times", nameof(data));
        Times = times;
        _data = data.ToDictionary(p => p.Key, p => p.Value);
        Order = data.Keys.ToArray();   // a plain array: results travel back from cluster workers
        Nave = nave;
        ScaleApplied = scaleApplied;
    }

    public double[] Times { get; }

    /// <summary>Column names in their file order (agg, L2, L5 for simulated dipoles).</summary>
    public IReadOnlyList<string> Order { get; }

    public double[] this[string key] => _data.TryGetValue(key, out var d)
        ? d
        : throw new KeyNotFoundException($"no dipole column '{key}'; columns: {string.Join(", ", Order)}");

    /// <summary>Samples per second: 1000/(t1 − t0) (Hz).</summary>
    public double SamplingFrequency => 1000.0 / (Times[1] - Times[0]);

    public int Nave { get; }
    public double ScaleApplied { get; private set; }

    /// <summary>
    /// What simulate_dipole returns for a trial (docs/dev/dipole.md §3–§4): the per-type raw sums, baseline
    /// renormalised for an N_pyr = mesh_x·mesh_y column, agg = L2 + L5, then fA·m → nA·m.
    /// </summary>
    public static Dipole FromRaw(TrialResult trial, MeshShape mesh)
    {
        var n = trial.Times.Length;
        var l2 = trial.RawDipoles.TryGetValue("L2_pyramidal", out var a) ? (double[])a.Clone() : new double[n];
        var l5 = trial.RawDipoles.TryGetValue("L5_pyramidal", out var b) ? (double[])b.Clone() : new double[n];
        double nPyr = mesh.X * mesh.Y;
        for (var k = 0; k < n; k++)
        {
            var t = trial.Times[k];
            l2[k] -= nPyr * 0.0443;
            l5[k] -= t <= 37.0 ? nPyr * -49.0502
                : t < 750.0 ? nPyr * (3.4770508e-3 * t - 51.231085)
                : nPyr * (1.01e-4 * t - 48.412078);
        }
        var agg = new double[n];
        for (var k = 0; k < n; k++)
        {
            agg[k] = (l2[k] + l5[k]) * 1e-6;
            l2[k] *= 1e-6;
            l5[k] *= 1e-6;
        }
        return new Dipole(trial.Times, new Dictionary<string, double[]> { [Agg] = agg, [L2] = l2, [L5] = l5 });
    }

    /// <summary>Multiplies every column by <paramref name="factor"/>.</summary>
    public Dipole Scale(double factor)
    {
        if (!double.IsFinite(factor)) throw new ArgumentException($"scale factor must be a finite number, got {factor}", nameof(factor));
        foreach (var column in _data.Values)
            for (var k = 0; k < column.Length; k++) column[k] *= factor;
        ScaleApplied *= factor;
        return this;
    }

    /// <summary>Hamming-window smoothing of every column over <paramref name="windowMs"/> ms (docs/dev/dipole.md §5.2).</summary>
    public Dipole Smooth(double windowMs)
    {
        foreach (var key in Order) _data[key] = DipoleFilters.HammingSmooth(_data[key], windowMs, SamplingFrequency);
        return this;
    }

    /// <summary>Savitzky–Golay low-pass of every column, polynomial order 5 (docs/dev/dipole.md §5.3).</summary>
    public Dipole SavgolFilter(double hFreq)
    {
        foreach (var key in Order) _data[key] = DipoleFilters.SavitzkyGolay(_data[key], hFreq, SamplingFrequency);
        return this;
    }

    /// <summary>Element-wise mean over trials (docs/dev/api.md §3 average_dipoles).</summary>
    public static Dipole Average(IReadOnlyList<Dipole> dipoles)
    {
        if (dipoles.Count == 0) throw new ArgumentException("need at least one dipole to average", nameof(dipoles));
        for (var i = 0; i < dipoles.Count; i++)
        {
            if (dipoles[i].ScaleApplied != dipoles[0].ScaleApplied) throw new ArgumentException("All dipoles must be scaled equally!", nameof(dipoles));
            if (dipoles[i].Nave > 1)
                throw new ArgumentException($"Dipole at index {i} was already an average of {dipoles[i].Nave} trials. Cannot reaverage", nameof(dipoles));
            if (dipoles[i].Times.Length != dipoles[0].Times.Length)
                throw new ArgumentException($"Dipole at index {i} has {dipoles[i].Times.Length} samples, the first has {dipoles[0].Times.Length}", nameof(dipoles));
        }
        var data = new Dictionary<string, double[]>();
        foreach (var key in dipoles[^1].Order)
        {
            var mean = new double[dipoles[0].Times.Length];
            foreach (var d in dipoles)
                for (var k = 0; k < mean.Length; k++) mean[k] += d[key][k];
            for (var k = 0; k < mean.Length; k++) mean[k] /= dipoles.Count;
            data[key] = mean;
        }
        return new Dipole(dipoles[0].Times, data, dipoles.Count, dipoles[0].ScaleApplied);
    }

    /// <summary>HNN-core's text format (docs/dev/io.md §4.1): time %3.3f, then each column %5.4f, tab-separated.</summary>
    public void Write(TextWriter writer)
    {
        var line = new StringBuilder();
        for (var k = 0; k < Times.Length; k++)
        {
            line.Clear();
            line.Append(Times[k].ToString("0.000", CultureInfo.InvariantCulture));
            foreach (var key in Order) line.Append('\t').Append(_data[key][k].ToString("0.0000", CultureInfo.InvariantCulture));
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>Reads a dipole text file: 4 columns (time, agg, L2, L5) or 2 (time, agg).</summary>
    public static Dipole Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"File not found at path {path}.", path);
        var rows = new List<double[]>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            var cells = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var row = new double[cells.Length];
            for (var i = 0; i < cells.Length; i++)
                if (!double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new FormatException($"{path}:{lineNo}: '{cells[i]}' is not a number");
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new FormatException($"{path}:{lineNo}: {row.Length} columns, earlier lines have {rows[0].Length}");
            rows.Add(row);
        }
        if (rows.Count < 2) throw new FormatException($"{path}: a dipole file needs at least 2 samples, found {rows.Count}");
        var width = rows[0].Length;
        if (width is not (2 or 4)) throw new FormatException($"{path}: Data are supposed to have 2 or 4 columns while we have {width}.");
        double[] Column(int c) => rows.Select(r => r[c]).ToArray();
        var data = width == 4
            ? new Dictionary<string, double[]> { [Agg] = Column(1), [L2] = Column(2), [L5] = Column(3) }
            : new Dictionary<string, double[]> { [Agg] = Column(1) };
        return new Dipole(Column(0), data);
    }
}
