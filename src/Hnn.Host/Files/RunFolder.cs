namespace Hnn.Host.Files;

/// <summary>
/// Whether an existing --out folder may be replaced by a new run. HNN-core overwrites files in
/// place, which mixes runs (an earlier 3-trial run's spk_1.txt, spk_2.txt beside a new 1-trial
/// run); here a run replaces the folder as a whole, and only a folder that holds nothing but an
/// earlier run's files, so that pointing --out at a folder of other data never deletes it.
/// Checked before a run starts so that a long run does not fail at the end.
/// </summary>
internal static class RunFolder
{
    /// <summary>What `hnn simulate` writes (RunWriter).</summary>
    public static readonly string[] SimulateOutputs = ["spk_*.txt", "dipole_*.txt", "dipole_*.csv", "summary.json", "psd.csv", "tfr.csv", "*.png",
        "vsec_*.csv.gz", "isec_*.csv.gz", "ca_*.csv.gz", "lfp_*.csv"];

    /// <summary>What `hnn replay` writes (with --live, summary.json too).</summary>
    public static readonly string[] ReplayOutputs = ["net_A", "net_B", "*.png", "summary.json"];

    /// <summary>Throws an <see cref="IOException"/> when <paramref name="dir"/> exists and holds anything a run does not write.</summary>
    public static void CheckReplaceable(string dir, IReadOnlyList<string> outputs)
    {
        if (File.Exists(dir)) throw new IOException($"--out '{dir}' is a file, not a folder");
        AtomicFolder.CheckParents(dir);
        if (!Directory.Exists(dir)) return;
        var foreign = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName)
            .FirstOrDefault(name => !outputs.Any(p => Matches(name!, p)));
        if (foreign is not null)
            throw new IOException($"--out '{dir}' exists and holds '{foreign}', which is not an output of an hnn run; allowed: a new folder, " +
                                  "an empty one, or the folder of an earlier run (it is replaced as a whole)");
    }

    private static bool Matches(string name, string pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0) return name == pattern;
        var (prefix, suffix) = (pattern[..star], pattern[(star + 1)..]);
        return name.Length >= prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal);
    }
}
