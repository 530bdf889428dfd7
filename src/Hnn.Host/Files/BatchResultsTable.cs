using System.Globalization;

namespace Hnn.Host.Files;

/// <summary>
/// results.csv of a batch (docs/batch.md): one row per job in job order — job_id, every
/// parameter (its JSON text), every summary column, status, error, wall_s, node. RFC 4180
/// quoting; numbers in round-trip form; a missing summary is empty.
/// </summary>
internal static class BatchResultsTable
{
    public static void Write(TextWriter w, IReadOnlyList<string> parameters, IReadOnlyList<string> summaries, IEnumerable<BatchJobRecord> rows)
    {
        w.Write(string.Join(",", new[] { "job_id" }.Concat(parameters).Concat(summaries).Concat(["status", "error", "wall_s", "node"]).Select(CsvField.Quote)));
        w.Write('\n');
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            var cells = new List<string> { row.Id.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(parameters.Select(p => row.Parameters.TryGetValue(p, out var v) ? v : ""));
            cells.AddRange(summaries.Select(s => row.Summaries.TryGetValue(s, out var v) ? Number(v) : ""));
            cells.Add(row.Status);
            cells.Add(row.Error ?? "");
            cells.Add(row.WallSeconds.ToString("0.###", CultureInfo.InvariantCulture));
            cells.Add(row.Node);
            w.Write(string.Join(",", cells.Select(CsvField.Quote)));
            w.Write('\n');
        }
    }

    private static string Number(double v) => double.IsNaN(v) ? "nan" : v.ToString("R", CultureInfo.InvariantCulture);
}
