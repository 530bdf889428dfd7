using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Files;

/// <summary>
/// A hidden folder beside a run's --out that the recorded trace files stream into while the run goes
/// (they can be far larger than memory); the run writer moves them into the finished folder, and the
/// staging folder is removed whatever happens.
/// </summary>
internal sealed class TraceStaging : IDisposable
{
    private TraceStaging(string folder, RecordSpec record)
    {
        Folder = folder;
        Options = new RecordingOptions(record, folder);
    }

    public string Folder { get; }
    public RecordingOptions Options { get; }

    /// <summary>Null when the experiment records nothing.</summary>
    public static TraceStaging? For(string outDir, RecordSpec? record)
    {
        if (record is not { Any: true }) return null;
        var full = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"output folder '{outDir}' has no parent folder to write beside");
        var folder = Path.Combine(parent, $".{Path.GetFileName(full)}.traces-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new TraceStaging(folder, record);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
