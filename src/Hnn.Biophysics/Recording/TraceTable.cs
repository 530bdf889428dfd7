using System.Globalization;
using System.Text;

namespace Hnn.Biophysics.Recording;

/// <summary>
/// Recorded time series: named columns of equal length, one row per sample (t = 0 included),
/// written as CSV with full double precision (round-trip "R" format).
/// </summary>
public sealed class TraceTable
{
    private readonly List<string> _names = [];
    private readonly List<double[]> _columns = [];

    public TraceTable(int rows) => RowCount = rows;

    public int RowCount { get; }
    public IReadOnlyList<string> Names => _names;

    public double[] Add(string name)
    {
        if (_names.Contains(name)) throw new ArgumentException($"column '{name}' already exists", nameof(name));
        var column = new double[RowCount];
        _names.Add(name);
        _columns.Add(column);
        return column;
    }

    public double[] this[string name] =>
        _names.IndexOf(name) is var i and >= 0
            ? _columns[i]
            : throw new KeyNotFoundException($"no column '{name}'; columns: {string.Join(", ", _names)}");

    public void WriteCsv(TextWriter writer)
    {
        writer.WriteLine(string.Join(",", _names));
        var line = new StringBuilder();
        for (var r = 0; r < RowCount; r++)
        {
            line.Clear();
            for (var c = 0; c < _columns.Count; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(_columns[c][r].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// Reads a CSV this class (or a trace file) wrote; a <c>.gz</c> file is decompressed. <paramref name="keep"/>
    /// picks the columns to read (null: all), which is much faster for wide trace files.
    /// </summary>
    public static TraceTable ReadCsv(string path, Func<string, bool>? keep = null)
    {
        using var stream = File.OpenRead(path);
        using var reader = new StreamReader(path.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress)
            : stream);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty")).Split(',');
        var picked = Enumerable.Range(0, header.Length).Where(c => keep is null || keep(header[c])).ToArray();
        var rows = new List<double[]>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var values = new double[picked.Length];
            var field = 0;
            var start = 0;
            var next = 0;
            for (var c = 0; c <= line.Length && next < picked.Length; c++)
            {
                if (c < line.Length && line[c] != ',') continue;
                if (field == picked[next])
                    values[next++] = double.Parse(line.AsSpan(start, c - start), CultureInfo.InvariantCulture);
                field++;
                start = c + 1;
            }
            if (next < picked.Length)
                throw new InvalidDataException($"{path} line {rows.Count + 2}: fewer values than the header's {header.Length} columns");
            rows.Add(values);
        }
        var table = new TraceTable(rows.Count);
        for (var k = 0; k < picked.Length; k++)
        {
            var column = table.Add(header[picked[k]]);
            for (var r = 0; r < rows.Count; r++) column[r] = rows[r][k];
        }
        return table;
    }
}
