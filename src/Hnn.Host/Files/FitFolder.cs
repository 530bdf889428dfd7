using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Fitting;
using Microsoft.VisualBasic.FileIO;

namespace Hnn.Host.Files;

/// <summary>
/// The output folder of `hnn fit` (docs/fit-file.md "Outputs"): fit.json (what fit this folder
/// holds), history.csv (every simulation, rewritten atomically as each one finishes), best.json
/// (the best candidate's experiment file, rewritten when the best improves), fit.png and
/// convergence.png at the end. A killed fit leaves a consistent folder; the same command on it
/// resumes, taking earlier losses from history.csv (docs/dev/fitting.md §4).
/// </summary>
internal sealed class FitFolder
{
    private static readonly string[] Owned = ["fit.json", "history.csv", "best.json", "fit.png", "convergence.png"];
    private readonly string _dir;
    private readonly Fit _fit;
    private readonly SortedDictionary<int, FitEvaluation> _rows = [];
    private readonly Lock _lock = new();
    private FitEvaluation? _best;

    private FitFolder(string dir, Fit fit)
    {
        _dir = dir;
        _fit = fit;
    }

    public string HistoryPath => Path.Combine(_dir, "history.csv");

    public string BestPath => Path.Combine(_dir, "best.json");

    public string FitPlotPath => Path.Combine(_dir, "fit.png");

    public string ConvergencePlotPath => Path.Combine(_dir, "convergence.png");

    /// <summary>Evaluations of an earlier run of this fit in this folder (empty for a new folder).</summary>
    public IReadOnlyList<FitEvaluation> Earlier { get; private set; } = [];

    /// <summary>
    /// Opens (or creates) the folder for this fit; a folder of another fit, or with foreign files, is refused.
    /// fit.json names the fit file by its full path, or as <paramref name="shownFitFile"/> (the server: not its own paths).
    /// </summary>
    public static FitFolder Open(string dir, Fit fit, string fitFile, string? shownFitFile = null)
    {
        if (File.Exists(dir)) throw new IOException($"--out '{dir}' is a file, not a folder");
        AtomicFolder.CheckParents(dir);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName)
                .FirstOrDefault(name => !Owned.Contains(name) && !Owned.Any(o => name!.StartsWith($".{o}.", StringComparison.Ordinal))) is { } foreign)
            throw new IOException($"--out '{dir}' holds '{foreign}', which a fit does not write; allowed: a new folder, or one an earlier hnn fit wrote");
        Directory.CreateDirectory(dir);
        var folder = new FitFolder(dir, fit);
        var manifest = Path.Combine(dir, "fit.json");
        if (File.Exists(manifest))
        {
            var key = ReadKey(manifest);
            if (key != fit.Key)
                throw new IOException($"--out '{dir}' holds another fit (its fit.json has key {key}, this fit's is {fit.Key}: the experiment, parameters, objective, postproc, solver, population or seed differ); " +
                    "allowed: the same fit (a larger max_simulations continues it), or a new folder");
            if (File.Exists(folder.HistoryPath)) folder.Earlier = ReadHistory(folder.HistoryPath, fit);
        }
        // Earlier rows stay in history.csv while the rerun replays them: a rerun killed early loses nothing.
        foreach (var e in folder.Earlier)
        {
            folder._rows[e.Simulation] = e;
            if (e.Succeeded && (folder._best is null || e.Loss < folder._best.Loss)) folder._best = e;
        }
        AtomicFile.WriteText(manifest, w => w.Write(Manifest(fit, shownFitFile ?? Path.GetFullPath(fitFile))));
        return folder;
    }

    /// <summary>Records an evaluation: history.csv is rewritten with it, best.json when it is the best so far.</summary>
    public void Record(FitEvaluation evaluation)
    {
        lock (_lock)
        {
            _rows[evaluation.Simulation] = evaluation;
            AtomicFile.WriteText(HistoryPath, WriteHistory);
            if (evaluation.Succeeded && (_best is null || evaluation.Loss < _best.Loss || (evaluation.Loss == _best.Loss && evaluation.Simulation < _best.Simulation)))
            {
                _best = evaluation;
                AtomicFile.WriteText(BestPath, w => w.Write(_fit.ExperimentFileFor(evaluation.Values)));
            }
        }
    }

    private void WriteHistory(TextWriter w)
    {
        w.WriteLine(string.Join(",", new[] { "simulation", "generation" }.Concat(_fit.Parameters.Select(p => CsvField.Quote(p.Path)))
            .Concat(["loss", "error", "wall_s", "key"])));
        foreach (var e in _rows.Values)
            w.WriteLine(string.Join(",", new[] { Int(e.Simulation), Int(e.Generation) }.Concat(e.Values.Select(Number))
                .Concat([double.IsNaN(e.Loss) ? "" : Number(e.Loss), CsvField.Quote(e.Error ?? ""), e.WallSeconds.ToString("F3", CultureInfo.InvariantCulture), e.Key])));
    }

    private static IReadOnlyList<FitEvaluation> ReadHistory(string path, Fit fit)
    {
        var rows = new List<FitEvaluation>();
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? [];
        var expected = new[] { "simulation", "generation" }.Concat(fit.Parameters.Select(p => p.Path)).Concat(["loss", "error", "wall_s", "key"]).ToArray();
        if (!header.SequenceEqual(expected))
            throw new IOException($"'{path}' has the columns {string.Join(",", header)}; allowed: a history.csv of this fit ({string.Join(",", expected)})");
        var n = fit.Parameters.Count;
        while (parser.ReadFields() is { } f)
        {
            try
            {
                rows.Add(new FitEvaluation(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture),
                    f.Skip(2).Take(n).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(),
                    f[2 + n].Length == 0 ? double.NaN : double.Parse(f[2 + n], CultureInfo.InvariantCulture),
                    f[3 + n].Length == 0 ? null : f[3 + n], double.Parse(f[4 + n], CultureInfo.InvariantCulture), f[5 + n]));
            }
            catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
            {
                throw new IOException($"'{path}' line {parser.LineNumber - 1}: {e.Message}; allowed: a history.csv as hnn fit writes it (or delete it to start over)", e);
            }
        }
        return rows;
    }

    private static string ReadKey(string manifest)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            return doc.RootElement.GetProperty("key").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new IOException($"'{manifest}' is not a fit.json hnn fit wrote ({e.Message}); allowed: a new folder", e);
        }
    }

    private static string Manifest(Fit fit, string fitFile)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("key", fit.Key);
            w.WriteString("fit_file", fitFile);
            w.WriteString("solver", fit.Solver);
            w.WriteString("objective", fit.Objective.Name);
            w.WriteNumber("max_simulations", fit.MaxSimulations);
            w.WriteStartArray("parameters");
            foreach (var p in fit.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("path", p.Path);
                w.WriteNumber("initial", p.Initial);
                w.WriteStartArray("bounds");
                w.WriteNumberValue(p.Lower);
                w.WriteNumberValue(p.Upper);
                w.WriteEndArray();
                w.WriteString("scale", p.Scale);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
