using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Simulation;

/// <summary>Collects one trial's spikes and per-type raw dipole sums, in a fixed order, and streams its recorded traces.</summary>
internal sealed class TrialRecorder : IDisposable
{
    private readonly NetworkSpec _net;
    private readonly int _trial;
    private readonly double[] _times;
    private readonly Dictionary<string, double[]> _dipoles = [];
    private readonly List<(double Time, int Gid)> _spikes = [];

    public TrialRecorder(NetworkSpec net, int trial, double[] times, TraceRecorder? traces = null)
    {
        _net = net;
        Traces = traces;
        _trial = trial;
        _times = times;
        foreach (var type in net.CellTypes)
            if (type.Template.MeasuresDipole)
                _dipoles[type.Name] = new double[times.Length];
        _potentials = net.ElectrodeArrays.Select(a => Enumerable.Range(0, a.ContactCount).Select(_ => new double[times.Length]).ToArray()).ToArray();
        _contacts = net.ElectrodeArrays.Sum(a => a.ContactCount);
    }

    private readonly int _contacts; // all arrays' contacts: the width of a shard's potential block

    private readonly double[][][] _potentials; // [array][contact][sample]; sample 0 stays 0 (docs/dev/extracellular.md §8)

    /// <summary>Adds a shard's potentials (steps × all arrays' contacts, row-major) for steps firstStep+1 ….</summary>
    public void AddPotentials(int firstStep, int steps, ReadOnlySpan<double> perStep)
    {
        var offset = 0;
        foreach (var array in _potentials)
        {
            for (var c = 0; c < array.Length; c++)
            {
                var trace = array[c];
                for (var k = 0; k < steps; k++) trace[firstStep + 1 + k] += perStep[k * _contacts + offset + c];
            }
            offset += array.Length;
        }
    }

    /// <summary>The recorded traces' files, when the run records any.</summary>
    public TraceRecorder? Traces { get; }

    public void Add(SpikeBatch batch)
    {
        for (var i = 0; i < batch.Count; i++) _spikes.Add((batch.Times[i], batch.Gids[i]));
    }

    /// <summary>Adds a shard's dipole for steps firstStep+1 … (sample 0 stays 0, docs/dev/dipole.md §2.4).</summary>
    public void AddDipole(string cellType, int firstStep, ReadOnlySpan<double> perStep)
    {
        var d = _dipoles[cellType];
        for (var k = 0; k < perStep.Length; k++) d[firstStep + 1 + k] += perStep[k];
    }

    /// <summary>Spikes recorded so far (a checkpoint's mark).</summary>
    public int SpikeCount => _spikes.Count;

    /// <summary>
    /// Forgets what was recorded after a checkpoint: spikes beyond <paramref name="spikeCount"/> and
    /// dipole samples after step <paramref name="step"/>, so the epochs after it can be run again.
    /// </summary>
    public void Rewind(int spikeCount, int step)
    {
        _spikes.RemoveRange(spikeCount, _spikes.Count - spikeCount);
        foreach (var d in _dipoles.Values) Array.Clear(d, step + 1, d.Length - step - 1);
        foreach (var trace in _potentials.SelectMany(a => a)) Array.Clear(trace, step + 1, trace.Length - step - 1);
        Traces?.Rewind(step);
    }

    public void Dispose() => Traces?.Dispose();

    public TrialResult Finish()
    {
        _spikes.Sort();
        var ranges = _net.GidRanges;
        string TypeOf(int gid) => ranges.FirstOrDefault(r => r.Contains(gid)).Name ?? "";
        return new TrialResult(_trial, _times, _dipoles, _spikes.Select(s => s.Time).ToArray(), _spikes.Select(s => s.Gid).ToArray(),
            _spikes.Select(s => TypeOf(s.Gid)).ToArray())
        {
            Traces = Traces?.Complete(),
            Potentials = _net.ElectrodeArrays.Select((a, i) => (a.Name, Trace: _potentials[i]))
                .ToDictionary(x => x.Name, x => (IReadOnlyList<double[]>)x.Trace),
        };
    }
}

/// <summary>
/// A simulated trial: NEURON's time vector, the raw per-type dipole sums (fA·m; sample 0 = 0),
/// and every spike (cells and drive cells) sorted by time then gid, with its type.
/// </summary>
public sealed record TrialResult(
    int Trial, double[] Times, IReadOnlyDictionary<string, double[]> RawDipoles,
    double[] SpikeTimes, int[] SpikeGids, string[] SpikeTypes)
{
    /// <summary>The files of the voltages, currents and calcium the run recorded (docs/dev/recordings.md); null when it recorded none.</summary>
    public Recording.TrialTraces? Traces { get; init; }

    /// <summary>
    /// Each electrode array's extracellular potential (µV), by array name: one trace per contact (in the array's
    /// order), one sample per time, 0 at t = 0 (docs/dev/extracellular.md §8). Empty without arrays.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double[]>> Potentials { get; init; } = new Dictionary<string, IReadOnlyList<double[]>>();
}
