using System.Globalization;
using System.IO.Compression;

namespace Hnn.Biophysics.Tests.Cells;

/// <summary>Reads a reference single-cell CSV (gzip) into named columns.</summary>
internal static class ReferenceTraces
{
    public static Dictionary<string, double[]> Read(string cellType, string condition)
    {
        var path = TestData.Path("single_cell", cellType, condition + ".csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var header = reader.ReadLine()!.Split(',');
        var rows = new List<double[]>();
        while (reader.ReadLine() is { Length: > 0 } line)
            rows.Add(line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        return header.Select((name, i) => (name, values: rows.Select(r => r[i]).ToArray()))
            .ToDictionary(x => x.name, x => x.values);
    }

    /// <summary>The rows of tests/data/single_cell/index.csv.</summary>
    public static IEnumerable<string[]> Index() =>
        File.ReadAllLines(TestData.Path("single_cell", "index.csv")).Skip(1).Select(l => l.Split(','));
}
