using System.Globalization;
using System.IO.Compression;

namespace Hnn.TestSupport;

/// <summary>
/// A comma-separated file with a header line, plain or gzip-compressed (by the .gz suffix), read
/// whole: its header, its rows as fields, and columns by name or index parsed invariantly.
/// No quoting: the reference files never quote.
/// </summary>
public sealed class Csv
{
    private Csv(string path, string[] header, List<string[]> rows)
    {
        Source = path;
        Header = header;
        Rows = rows;
    }

    /// <summary>The file this was read from.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows (header excluded, blank lines skipped), each split on ','.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; a path ending in .gz is decompressed.</summary>
    public static Csv Read(string path)
    {
        using var reader = OpenText(path);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{path}: empty, no header line");
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) rows.Add(line.Split(','));
        return new Csv(path, header, rows);
    }

    /// <summary>Reads tests/data/&lt;parts...&gt;.</summary>
    public static Csv ReadData(params string[] parts) => Read(TestData.Path(parts));

    /// <summary>A text reader over a plain or .gz file.</summary>
    public static StreamReader OpenText(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            : new StreamReader(File.OpenRead(path));

    /// <summary>Index of the column named <paramref name="name"/>.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
            if (Header[i] == name) return i;
        throw new KeyNotFoundException($"{Source}: no column '{name}' (columns: {string.Join(", ", Header)})");
    }

    public string[] Strings(string name) => Strings(Column(name));
    public string[] Strings(int column) => [.. Rows.Select(r => r[column])];
    public double[] Doubles(string name) => Doubles(Column(name));
    public double[] Doubles(int column) => [.. Rows.Select(r => Double(r[column]))];
    public int[] Ints(string name) => Ints(Column(name));
    public int[] Ints(int column) => [.. Rows.Select(r => Int(r[column]))];

    /// <summary>Every column parsed as doubles, by header name (files of numbers only).</summary>
    public Dictionary<string, double[]> NumericColumns() =>
        Header.Select((name, i) => (name, values: Doubles(i))).ToDictionary(x => x.name, x => x.values);

    public static double Double(string field) => double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
    public static int Int(string field) => int.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture);
    public static long Long(string field) => long.Parse(field, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
