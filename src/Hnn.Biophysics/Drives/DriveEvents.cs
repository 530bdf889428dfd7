using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// Per-trial event generation (docs/dev/drives.md §6, HNN-core's _instantiate_drives): drive cell i of a
/// drive in trial k draws from RandomState(event_seed + k·n_gids + i), where n_gids counts every
/// cell and drive cell of the network. Bit-identical to HNN-core for the same network and seeds.
/// </summary>
internal static class DriveEvents
{
    /// <summary>Events of every drive of <paramref name="net"/> in <paramref name="trial"/>, in drive order.</summary>
    public static IReadOnlyList<DriveTrialEvents> Generate(NetworkSpec net, int trial, double tstop)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (trial < 0) throw Invalid.Argument("trial", trial, "trial indices start at 0", "an integer >= 0");
        if (!double.IsFinite(tstop) || tstop <= 0) throw Invalid.Argument("tstop", tstop, "the simulation must have a positive length", "tstop > 0 (ms)");
        var nGids = net.TotalGids;
        return net.Drives.Select(d => ForDrive(net, d, trial, tstop, nGids)).ToArray();
    }

    /// <summary>Events of one drive of <paramref name="net"/> in <paramref name="trial"/> (the same as its entry in <see cref="Generate(NetworkSpec, int, double)"/>).</summary>
    public static DriveTrialEvents Generate(NetworkSpec net, string drive, int trial, double tstop)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (trial < 0) throw Invalid.Argument("trial", trial, "trial indices start at 0", "an integer >= 0");
        if (!double.IsFinite(tstop) || tstop <= 0) throw Invalid.Argument("tstop", tstop, "the simulation must have a positive length", "tstop > 0 (ms)");
        var d = net.DriveNamed(drive) ?? throw Invalid.Argument("drive", drive, "not a drive of this network", Invalid.List(net.Drives.Select(x => x.Name)));
        return ForDrive(net, d, trial, tstop, net.TotalGids);
    }

    /// <summary>Events of every drive for trials 0 … <paramref name="nTrials"/> − 1.</summary>
    public static IReadOnlyList<IReadOnlyList<DriveTrialEvents>> GenerateAll(NetworkSpec net, int nTrials, double tstop)
    {
        if (nTrials < 1) throw Invalid.Argument("n_trials", nTrials, $"Invalid number of simulations: {nTrials}", "an integer >= 1");
        DriveLimits.Check(net, nTrials, tstop);
        return Enumerable.Range(0, nTrials).Select(k => Generate(net, k, tstop)).ToArray();
    }

    private static DriveTrialEvents ForDrive(NetworkSpec net, Drive drive, int trial, double tstop, int nGids)
    {
        drive.CheckBeforeGeneration(tstop);
        if (DriveLimits.EventProblem(drive, tstop) is { } tooMany) throw tooMany;
        var seedBase = drive.EventSeed + (long)trial * nGids;
        var targetOfCell = drive.CellSpecific ? CellTargetTypes(net, drive) : null;
        var byCell = new double[drive.NDriveCells][];
        for (var offset = 0; offset < drive.NDriveCells; offset++)
            byCell[offset] = drive.CellEventTimes(offset, targetOfCell?[offset], seedBase, tstop);
        return new DriveTrialEvents(drive.Name, trial, drive.FirstGid, byCell);
    }

    // Cell-specific drive cells are dealt to target types in net.cell_types order (docs/dev/drives.md §3).
    private static string[] CellTargetTypes(NetworkSpec net, Drive drive)
    {
        var types = new string[drive.NDriveCells];
        var next = 0;
        foreach (var t in drive.Targets)
        {
            var count = net.RangeOf(t.CellType).Count;
            for (var j = 0; j < count && next < types.Length; j++) types[next++] = t.CellType;
        }
        return types;
    }
}
