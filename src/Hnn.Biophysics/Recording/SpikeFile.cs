using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hnn.Biophysics.Recording;

/// <summary>One line of an HNN-core spike file: time (ms), gid and spike type (cell type or drive name).</summary>
public readonly record struct SpikeFileEntry(double Time, int Gid, string Type);

/// <summary>
/// HNN-core's spike text files (docs/dev/io.md §1–§2): one file per trial, one <c>time\tgid\ttype</c> line
/// per spike with the time printed to 3 decimals. Reading accepts any whitespace, <c>#</c>
/// comments and old two-column files (types then come from gid ranges).
/// </summary>
public static class SpikeFile
{
    /// <summary>Writes one trial. The time is printed like Python's <c>{:.3f}</c> (ties to even).</summary>
    public static void Write(string path, IEnumerable<SpikeFileEntry> spikes)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(writer, spikes);
    }

    /// <summary>Writes one trial's lines, <c>time\tgid\ttype\n</c>, to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<SpikeFileEntry> spikes)
    {
        foreach (var s in spikes)
        {
            writer.Write(FormatTime(s.Time));
            writer.Write('\t');
            writer.Write(s.Gid.ToString(CultureInfo.InvariantCulture));
            writer.Write('\t');
            writer.Write(s.Type);
            writer.Write('\n');
        }
    }

    /// <summary>
    /// Writes one file per trial; <paramref name="pattern"/> holds <c>%d</c> or <c>{0}</c> for the
    /// trial index (docs/dev/io.md §1). A pattern without a placeholder is refused: HNN-core would silently
    /// overwrite every trial but the last.
    /// </summary>
    public static IReadOnlyList<string> WriteTrials(string pattern, IReadOnlyList<IEnumerable<SpikeFileEntry>> trials)
    {
        if (!pattern.Contains("%d") && !pattern.Contains("{0}"))
            throw new ArgumentException(
                $"fname = '{pattern}' is invalid: it has no trial placeholder, so every trial would overwrite the last. Allowed: a name with %d or {{0}}, e.g. spk_%d.txt.",
                nameof(pattern));
        var written = new List<string>();
        for (var k = 0; k < trials.Count; k++)
        {
            var path = pattern.Replace("%d", k.ToString(CultureInfo.InvariantCulture))
                .Replace("{0}", k.ToString(CultureInfo.InvariantCulture));
            Write(path, trials[k]);
            written.Add(path);
        }
        return written;
    }

    /// <summary>
    /// Python's <c>'{:.3f}'.format(x)</c>: correctly rounded, exact binary ties to even. A tie at 3
    /// decimals needs x·16 to be an integer (x = odd/2000 must be dyadic), so only then is the
    /// exact decimal value rounded explicitly; otherwise .NET's correctly rounded "F3" agrees.
    /// </summary>
    public static string FormatTime(double time)
    {
        if (double.IsFinite(time) && Math.Abs(time) < 1e12 && time * 16 == Math.Floor(time * 16))
        {
            var exact = (decimal)time;   // at most 4 decimals and < 1e12: exact in decimal
            return Math.Round(exact, 3, MidpointRounding.ToEven).ToString("F3", CultureInfo.InvariantCulture);
        }
        return time.ToString("F3", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads one trial's file. Two-column files need <paramref name="gidRanges"/> (name → [start, stop))
    /// to name the spike types; when given, the ranges also override a third column (docs/dev/io.md §2).
    /// Only a regular file of at most 512 MiB is read (no FIFO, device or endless file); gids are ≥ 0.
    /// </summary>
    public static IReadOnlyList<SpikeFileEntry> Read(string path, IReadOnlyList<(string Name, int Start, int Stop)>? gidRanges = null)
    {
        var entries = new List<SpikeFileEntry>();
        var lineNo = 0;
        foreach (var raw in InputFile.ReadLines(path, "spike file", InputFile.SpikeFileLimit))
        {
            lineNo++;
            var line = raw;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            if (tokens.Length is not (2 or 3))
                throw new FormatException($"{path}:{lineNo}: expected 'time gid [type]', got {tokens.Length} columns: '{InputFile.Printable(raw)}'");
            if (!double.TryParse(tokens[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
                throw new FormatException($"{path}:{lineNo}: spike time '{InputFile.Printable(tokens[0])}' is not a number");
            if (!TryParseGid(tokens[1], out var gid))
                throw new FormatException($"{path}:{lineNo}: gid '{InputFile.Printable(tokens[1])}' is not an integer");
            if (gid < 0)
                throw new FormatException($"{path}:{lineNo}: gid {gid} is negative; allowed: gids >= 0");
            string? type = tokens.Length == 3 ? tokens[2] : null;
            if (gidRanges is not null)
                type = gidRanges.FirstOrDefault(r => gid >= r.Start && gid < r.Stop).Name ?? "";
            if (type is null)
                throw new FormatException(
                    $"gid_ranges must be provided if spike types are unspecified in the file {path} (line {lineNo} has only time and gid)");
            entries.Add(new SpikeFileEntry(time, gid, type));
        }
        return entries;
    }

    private static bool TryParseGid(string token, out int gid)
    {
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out gid)) return true;
        // HNN-core reads gids through float ("3.0"); accept integral values.
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
        {
            gid = (int)d;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The files a glob such as <c>runs/a/spk_*.txt</c> matches (wildcards in the file name only),
    /// in natural order: <c>spk_2</c> before <c>spk_10</c>, so file k is trial k (docs/dev/io.md §2 quirk fixed).
    /// </summary>
    public static IReadOnlyList<string> Glob(string pattern)
    {
        var dir = Path.GetDirectoryName(pattern);
        var name = Path.GetFileName(pattern);
        if (string.IsNullOrEmpty(dir)) dir = ".";
        if (dir.IndexOfAny(['*', '?']) >= 0)
            throw new ArgumentException(
                $"spike_data = '{pattern}' is invalid: wildcards are only supported in the file name. Allowed: e.g. runs/a/spk_*.txt.",
                nameof(pattern));
        if (!Directory.Exists(dir)) return [];
        var regex = new Regex("^" + Regex.Escape(name).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");
        return Directory.EnumerateFiles(dir)
            .Where(f => regex.IsMatch(Path.GetFileName(f)))
            .Select(f => dir == "." && !pattern.StartsWith('.') ? Path.GetFileName(f) : f)
            .OrderBy(f => f, NaturalOrder.Instance)
            .ToArray();
    }

    /// <summary>Reads every trial matched by <paramref name="pattern"/>, in natural file order.</summary>
    public static IReadOnlyList<IReadOnlyList<SpikeFileEntry>> ReadTrials(string pattern,
        IReadOnlyList<(string Name, int Start, int Stop)>? gidRanges = null) =>
        Glob(pattern).Select(f => Read(f, gidRanges)).ToArray();

    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();
        private static readonly Regex Chunks = new(@"\d+|\D+");

        public int Compare(string? a, string? b)
        {
            var x = Chunks.Matches(a ?? "");
            var y = Chunks.Matches(b ?? "");
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var (p, q) = (x[i].Value, y[i].Value);
                int c;
                if (char.IsAsciiDigit(p[0]) && char.IsAsciiDigit(q[0]))
                {
                    var (tp, tq) = (p.TrimStart('0'), q.TrimStart('0'));
                    c = tp.Length != tq.Length ? tp.Length.CompareTo(tq.Length) : string.CompareOrdinal(tp, tq);
                }
                else c = string.CompareOrdinal(p, q);
                if (c != 0) return c;
            }
            var byCount = x.Count.CompareTo(y.Count);
            return byCount != 0 ? byCount : string.CompareOrdinal(a, b);
        }
    }
}
