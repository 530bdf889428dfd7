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
}
