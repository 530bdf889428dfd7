using System.Globalization;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Recording;

namespace Hnn.Biophysics.Simulation;

/// <summary>
/// Where recordings go while a trial runs (docs/dev/recordings.md §3): the trial's record spec and the
/// folder its trace files are streamed to.
/// </summary>
/// <param name="Record">What every cell records.</param>
/// <param name="Directory">The folder for <c>vsec_%d_TYPE.csv.gz</c>, <c>isec_…</c>, <c>ca_…</c> (created if missing).</param>
public sealed record RecordingOptions(RecordSpec Record, string Directory);

/// <summary>
/// Joins the shards' trace blocks of each epoch into one row per sample and cell type, in gid order, and
/// streams them to one <see cref="TraceFileWriter"/> per quantity and type. Memory holds only the samples
/// a recovery could still replay (since the last checkpoint).
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly double[] _times;
    private readonly int _trial;
    private readonly List<Output> _outputs = [];

    // One file: the shards of its type (layout indices, gid order) and where its values sit in their blocks.
    private sealed record Output(TraceQuantity Quantity, string CellType, TraceFileWriter Writer, int[] Shards, int[] CellCounts,
        int PerCell, int Offset, int Count, double[] Row);

    public TraceRecorder(NetworkSpec net, RecordingOptions options, IReadOnlyList<ShardSpec> layout, int trial, double[] times)
    {
        _times = times;
        _trial = trial;
        System.IO.Directory.CreateDirectory(options.Directory);
        try
        {
            foreach (var type in net.CellTypes)
            {
                var probes = TraceProbes.For(new Solver.CableTree(type.Template), options.Record);
                var shards = Enumerable.Range(0, layout.Count).Where(s => layout[s].CellType == type.Name)
                    .OrderBy(s => layout[s].FirstCell).ToArray();
                var first = net.RangeOf(type.Name).Start;
                foreach (var q in Enum.GetValues<TraceQuantity>())
                {
                    var names = probes.Of(q);
                    if (names.Length == 0) continue;
                    var columns = Enumerable.Range(first, type.Count)
                        .SelectMany(gid => names.Select(p => string.Create(CultureInfo.InvariantCulture, $"{gid}_{p.Name}")));
                    var path = Path.Combine(options.Directory, TraceFile.NameOf(QuantityName(q), trial, type.Name));
                    _outputs.Add(new Output(q, type.Name, new TraceFileWriter(path, columns.ToArray()), shards,
                        shards.Select(s => layout[s].CellCount).ToArray(), probes.PerCell, probes.Offset(q), names.Length,
                        new double[type.Count * names.Length]));
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static string QuantityName(TraceQuantity q) => q switch
    {
        TraceQuantity.Vsec => "vsec",
        TraceQuantity.Isec => "isec",
        _ => "ca",
    };

    /// <summary>An epoch's blocks (by shard; rows × width, row-major), its samples starting at <paramref name="firstRow"/>.</summary>
    public void Add(int firstRow, int rows, IReadOnlyList<double[]?> blocks)
    {
        foreach (var o in _outputs)
        {
            for (var r = 0; r < rows; r++)
            {
                var at = 0;
                for (var k = 0; k < o.Shards.Length; k++)
                {
                    var block = blocks[o.Shards[k]] ?? throw new InvalidOperationException($"shard {o.Shards[k]} sent no traces");
                    var width = o.PerCell * o.CellCounts[k];
                    for (var c = 0; c < o.CellCounts[k]; c++)
                    {
                        var from = r * width + c * o.PerCell + o.Offset;
                        block.AsSpan(from, o.Count).CopyTo(o.Row.AsSpan(at));
                        at += o.Count;
                    }
                }
                o.Writer.Append(firstRow + r, _times[firstRow + r], o.Row);
            }
        }
    }

    /// <summary>Samples up to <paramref name="lastFinalRow"/> can no longer be replayed: write them.</summary>
    public void Flush(int lastFinalRow)
    {
        foreach (var o in _outputs) o.Writer.Flush(lastFinalRow);
    }

    /// <summary>Back to a checkpoint at <paramref name="step"/>: the samples after it will come again.</summary>
    public void Rewind(int step)
    {
        foreach (var o in _outputs) o.Writer.Rewind(step);
    }

    /// <summary>Writes the rest and names the files.</summary>
    public TrialTraces Complete()
    {
        foreach (var o in _outputs) o.Writer.Complete();
        return new TrialTraces(_trial, _outputs.Select(o => new TraceFile(QuantityName(o.Quantity), o.CellType, o.Writer.Path)).ToArray());
    }

    public void Dispose()
    {
        foreach (var o in _outputs) o.Writer.Dispose();
    }
}
