using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// Registers a drive on a network (docs/dev/drives.md §4.2 steps 1, 8–10 and §3): checks the name and the
/// number of drive cells, assigns the next gids, and creates one connection per (target type,
/// receptor) with seed conn_seed + target index. Everything is checked before anything is added,
/// so a failing call leaves the network as it was.
/// </summary>
internal static class DriveAttachment
{
    public static void CheckName(NetworkSpec net, string name)
    {
        if (string.IsNullOrEmpty(name))
            throw Invalid.Argument("name", name, "a drive needs a name", "a non-empty name");
        // Spike files are whitespace-separated: a name with a space, tab, newline or NUL cannot be read back.
        if (name.Where(c => char.IsWhiteSpace(c) || char.IsControl(c)).Select(c => (char?)c).FirstOrDefault() is { } bad)
            throw Invalid.Argument("name", name.Replace("\0", "\\0").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r"),
                $"it contains {CharName(bad)}; spike files separate their columns by whitespace, so its spikes could not be read back",
                Allowed);
        // '#' starts a comment for both readers of spike files (HNN-core's numpy loadtxt and SpikeFile): the type would be cut there.
        if (name.Contains('#'))
            throw Invalid.Argument("name", name, "it contains '#', which starts a comment in spike files, so its spikes would be read back under a cut name", Allowed);
        if (net.DriveNamed(name) is not null)
            throw Invalid.Argument("name", name, $"Drive {name} already defined",
                "a name not used by " + Invalid.List(net.Drives.Select(d => d.Name)));
        if (net.IsCellType(name))
            throw Invalid.Argument("name", name, "a drive cannot share its name with a cell type", "a name other than " + Invalid.List(net.CellTypeNames));
    }

    private const string Allowed = "a name without whitespace, control characters or '#', e.g. evprox1";

    private static string CharName(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' or '\r' => "a line break",
        '\0' => "a NUL character",
        _ => $"the character U+{(int)c:X4}",
    };

    /// <summary>Drive cells of one drive: ten million keeps gids in range and connections in memory.</summary>
    public const int MaxDriveCells = 10_000_000;

    /// <summary>docs/dev/drives.md §4.2 step 8; returns the number of drive cells ('n_cells' resolved).</summary>
    public static int DriveCellCount(NetworkSpec net, IReadOnlyList<DriveTarget> targets, int? nDriveCells, bool cellSpecific)
    {
        if (cellSpecific)
        {
            if (nDriveCells is not null)
                throw Invalid.Argument("n_drive_cells", nDriveCells,
                    $"If cell_specific is True, n_drive_cells must equal 'n_cells'. Got {nDriveCells}", "'n_cells' (one drive cell per target cell)");
            return targets.Sum(t => net.RangeOf(t.CellType).Count);
        }
        if (nDriveCells is null)
            throw Invalid.Argument("n_drive_cells", "n_cells", "If cell_specific is False, n_drive_cells must be of type int", "an integer >= 1");
        if (nDriveCells <= 0)
            throw Invalid.Argument("n_drive_cells", nDriveCells, $"Number of drive cells must be greater than 0. Got {nDriveCells}", "an integer >= 1");
        if (nDriveCells > MaxDriveCells)
            throw Invalid.Argument("n_drive_cells", nDriveCells, "more drive cells than gids and connections can be held for", $"an integer 1 … {MaxDriveCells}");
        return nDriveCells.Value;
    }

    public static void CheckSeeds(long eventSeed, long? connSeed)
    {
        if (eventSeed < 0 || eventSeed > uint.MaxValue)
            throw Invalid.Argument("event_seed", eventSeed, "Seed must be between 0 and 2**32 - 1", "an integer 0 … 4294967295");
        if (connSeed is < 0)
            throw Invalid.Argument("conn_seed", connSeed, "expected non-negative integer", "an integer >= 0");
    }

    /// <summary>Adds the drive (gids from the network's current total) and its connections.</summary>
    public static NetworkSpec Attach(NetworkSpec net, Drive drive)
    {
        var placed = drive with { FirstGid = net.TotalGids };
        var withDrive = net.WithDrive(placed);
        var connections = placed is SpikeTrainDrive { TargetGroups.Count: > 0 } replay
            ? ReplayConnections(withDrive, replay)
            : Connections(withDrive, placed, Enumerable.Range(0, placed.NDriveCells).ToArray(), placed.Location,
                placed.Targets, placed.SpaceConstant, placed.ConnSeed);
        foreach (var c in connections) withDrive = withDrive.WithConnection(c);
        return withDrive;
    }

    private static List<Connection> Connections(NetworkSpec net, Drive drive, int[] sourceOffsets, string location,
        IReadOnlyList<DriveTarget> targets, double spaceConstant, long? connSeed)
    {
        var result = new List<Connection>();
        var next = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var targetRange = net.RangeOf(target.CellType);
            Gids sources, targetGids;
            if (drive.CellSpecific)
            {
                // Drive cells are dealt to target types in order; drive cell j ↔ j-th target (docs/dev/drives.md §3).
                sources = Gids.Of(Enumerable.Range(drive.FirstGid + next, targetRange.Count).ToArray());
                targetGids = Gids.PerSource(targetRange.Gids.Select(g => new[] { g }));
                next += targetRange.Count;
            }
            else
            {
                sources = Gids.Of(sourceOffsets.Select(o => drive.FirstGid + o).ToArray());
                targetGids = Gids.Range(targetRange.Start, targetRange.Stop);
            }
            var seed = connSeed + i;
            foreach (var (receptor, weight) in target.Receptors)
                result.Add(net.BuildConnection(sources, targetGids, location, receptor, weight, target.Delay,
                    spaceConstant, threshold: null, gain: 1.0, allowAutapses: true, target.Probability, seed));
        }
        return result;
    }

    private static List<Connection> ReplayConnections(NetworkSpec net, SpikeTrainDrive drive)
    {
        var result = new List<Connection>();
        var grouped = drive.TargetGroups.SelectMany(g => g.SourceIndices).ToHashSet();
        var rest = Enumerable.Range(0, drive.NDriveCells).Where(i => !grouped.Contains(i)).ToArray();
        if (rest.Length > 0)
            result.AddRange(Connections(net, drive, rest, drive.Location, drive.Targets, drive.SpaceConstant, drive.ConnSeed));
        foreach (var g in drive.TargetGroups)
            result.AddRange(Connections(net, drive, g.SourceIndices.ToArray(), g.Location, g.Targets, g.SpaceConstant, g.ConnSeed));
        return result;
    }
}
