using Hnn.Actors.Batch;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Batch;

namespace Hnn.Host.Files;

/// <summary>
/// The output folder of `hnn batch` (docs/batch.md): `jobs/&lt;id&gt;/` per job (its experiment
/// file, result.json and the kept outputs, each folder put in place whole by <see cref="AtomicFolder"/>) and results.csv,
/// rewritten atomically after every job, so a batch killed at any moment leaves a consistent
/// folder. A rerun on the same folder finds the jobs already done by their keys.
/// </summary>
internal sealed class BatchFolder
{
    private readonly string _dir;
    private readonly IReadOnlyList<string> _parameters;
    private readonly IReadOnlyList<string> _summaries;
    private readonly Dictionary<int, BatchJobRecord> _rows = [];

    private BatchFolder(string dir, IReadOnlyList<string> parameters, IReadOnlyList<string> summaries)
    {
        _dir = dir;
        _parameters = parameters;
        _summaries = summaries;
    }

    public string JobsDirectory => Path.Combine(_dir, "jobs");

    public string ResultsPath => Path.Combine(_dir, "results.csv");

    /// <summary>
    /// Opens (or creates) the folder for this sweep: keeps the records of its jobs that match by
    /// key, removes job folders that belong to no job of this sweep, and writes results.csv.
    /// </summary>
    public static BatchFolder Open(string dir, Sweep sweep, IReadOnlyList<string> summaryColumns, Func<SweepJob, string> keyOf)
    {
        if (File.Exists(dir)) throw new IOException($"--out '{dir}' is a file, not a folder");
        AtomicFolder.CheckParents(dir);
        // Only a batch's own folder is reused (and pruned): a mistyped --out must not lose someone's files.
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName)
                .FirstOrDefault(name => name is not ("results.csv" or "jobs") && !name!.StartsWith(".results.csv.", StringComparison.Ordinal)) is { } foreign)
            throw new IOException($"--out '{dir}' holds '{foreign}', which a batch does not write; allowed: a new folder, or one an earlier hnn batch wrote (results.csv and jobs/)");
        var folder = new BatchFolder(dir, sweep.ParameterPaths, summaryColumns);
        Directory.CreateDirectory(folder.JobsDirectory);
        var keys = sweep.Jobs.ToDictionary(j => j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), keyOf);
        foreach (var path in Directory.EnumerateFileSystemEntries(folder.JobsDirectory))
        {
            var name = Path.GetFileName(path);
            var record = BatchJobRecord.TryRead(Path.Combine(path, "result.json"));
            if (keys.TryGetValue(name, out var key) && record is not null && record.Key == key)
                folder._rows[record.Id] = record;
            else if (!keys.ContainsKey(name))
                DeleteEntry(path); // another sweep's job, or a temporary folder of a killed run
        }
        folder.WriteTable();
        return folder;
    }

    /// <summary>Whether the job finished in an earlier run (failed jobs run again).</summary>
    public bool IsDone(int id) => _rows.TryGetValue(id, out var r) && r.Status == BatchJobRecord.Done;

    public int DoneCount => _rows.Values.Count(r => r.Status == BatchJobRecord.Done);

    /// <summary>Writes the job's folder (whole), then results.csv with its row.</summary>
    public void Record(SweepJob job, BatchJobResult result, IReadOnlyList<string> keep)
    {
        var record = new BatchJobRecord(job.Id, result.Key, job.Values.ToDictionary(v => v.Key, v => v.Value),
            result.Status == BatchJobStatus.Done ? BatchJobRecord.Done : BatchJobRecord.Failed, result.Error,
            result.Summaries.ToDictionary(s => s.Key, s => s.Value), result.WallSeconds, result.Node);
        AtomicFolder.Write(Path.Combine(JobsDirectory, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), temp =>
        {
            AtomicFile.WriteText(Path.Combine(temp, "experiment.json"), w => w.Write(job.ExperimentJson));
            if (result.Result is { } run)
                RunWriter.WriteTrialFiles(temp, run, spikes: keep.Contains("spikes"), dipoles: keep.Contains("dipole"));
            AtomicFile.WriteText(Path.Combine(temp, "result.json"), w => w.Write(record.ToJson()));
        });
        _rows[job.Id] = record;
        WriteTable();
    }

    private void WriteTable() =>
        AtomicFile.WriteText(ResultsPath, w => BatchResultsTable.Write(w, _parameters, _summaries, _rows.Values));

    private static void DeleteEntry(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
    }
}
