namespace Hnn.Biophysics.Cells;

/// <summary>
/// NEURON's NetCon threshold detector on soma(0.5) of every cell (docs/dev/numerics.md §5.3):
/// checked once per step on the voltage the previous step left, not interpolated; a cell
/// fires when v rises above the threshold while armed, and re-arms when v falls back to it
/// or below. The recorded time is the start-of-step time plus NEURON's 1e-10 ms.
/// </summary>
internal sealed class SpikeDetector
{
    /// <summary>Spike detector threshold on soma(0.5).v (docs/dev/cells.md §8).</summary>
    public const double Threshold = 0.0;

    /// <summary>NEURON adds 1e-10 ms to a detected crossing (docs/dev/numerics.md §5.3).</summary>
    public const double SpikeTimeOffset = 1e-10;

    private readonly int _offset, _cells;
    private readonly List<Spike> _spikes = new(64);

    /// <param name="somaOffset">Index of the soma node's first lane in the voltage array.</param>
    /// <param name="cells">Cells to watch (padding lanes are not).</param>
    /// <param name="lanes">Lanes of the voltage array (the armed flags of padding lanes are kept too, so snapshots keep their size).</param>
    public SpikeDetector(int somaOffset, int cells, int lanes)
    {
        _offset = somaOffset;
        _cells = cells;
        Armed = new bool[lanes];
        Reset();
    }

    /// <summary>Per lane: may this cell fire at the next crossing? (part of a checkpoint).</summary>
    public bool[] Armed { get; }

    /// <summary>Spikes detected since the last <see cref="Drain"/>, in detection order.</summary>
    public IReadOnlyList<Spike> Pending => _spikes;

    public void Reset()
    {
        Array.Fill(Armed, true);
        _spikes.Clear();
    }

    public void Detect(double[] v, double time)
    {
        var o = _offset;
        for (var c = 0; c < _cells; c++)
        {
            if (v[o + c] > Threshold)
            {
                if (Armed[c])
                {
                    Armed[c] = false;
                    _spikes.Add(new Spike(c, time + SpikeTimeOffset));
                }
            }
            else Armed[c] = true;
        }
    }

    /// <summary>Moves the detected spikes into <paramref name="sink"/>.</summary>
    public void Drain(List<Spike> sink)
    {
        sink.AddRange(_spikes);
        _spikes.Clear();
    }

    /// <summary>Puts back a checkpoint's flags and undrained spikes.</summary>
    public void Restore(bool[] armed, IEnumerable<Spike> pending)
    {
        armed.CopyTo(Armed, 0);
        _spikes.Clear();
        _spikes.AddRange(pending);
    }
}
