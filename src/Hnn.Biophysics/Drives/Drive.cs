using Hnn.Biophysics.Network;
using Hnn.Biophysics.Random;

namespace Hnn.Biophysics.Drives;

/// <summary>
/// A named population of artificial drive cells that replay precomputed event times through the
/// drive's connections (docs/dev/drives.md §1). Attached drives know their gids, their ordered targets and
/// whether each drive cell serves one target cell (<see cref="CellSpecific"/>) or all of them.
/// </summary>
public abstract record Drive
{
    private protected Drive() { }

    public string Name { get; internal init; } = "";

    /// <summary>"proximal", "distal" or a section name.</summary>
    public string Location { get; internal init; } = "";

    public int FirstGid { get; internal init; }

    public int NDriveCells { get; internal init; }

    public bool CellSpecific { get; internal init; }

    /// <summary>Seeds the event times (docs/dev/drives.md §6); spike-train drives have 0.</summary>
    public long EventSeed { get; internal init; }

    /// <summary>Seeds connection sampling; target type i uses ConnSeed + i (docs/dev/drives.md §4.2 step 10).</summary>
    public long? ConnSeed { get; internal init; }

    /// <summary>lamtha of the drive's connections.</summary>
    public double SpaceConstant { get; internal init; }

    /// <summary>Target cell types in net.cell_types order, with weights, delays, probability.</summary>
    public IReadOnlyList<DriveTarget> Targets { get; internal init => field = WireForm.Array(value); } = [];

    /// <summary>HNN-core's drive type string: evoked, poisson, bursty, spike_train.</summary>
    public abstract string Type { get; }

    public IEnumerable<string> TargetTypes => Targets.Select(t => t.CellType);

    public GidRange Gids => new(Name, FirstGid, FirstGid + NDriveCells);

    /// <summary>
    /// The event times of drive cell <paramref name="offset"/> in one trial (docs/dev/drives.md §6.1),
    /// sorted; <paramref name="targetType"/> is the drive cell's target type when cell-specific.
    /// </summary>
    internal abstract double[] CellEventTimes(int offset, string? targetType, long seedBase, double tstop);

    /// <summary>Raises the generation-time checks that need the simulation tstop (docs/dev/drives.md §6.1).</summary>
    internal virtual void CheckBeforeGeneration(double tstop) { }

    internal static RandomState Prng(long seed, string drive)
    {
        if (seed < 0 || seed > uint.MaxValue)
            throw Invalid.Argument("event_seed", seed,
                $"drive '{drive}': Seed must be between 0 and 2**32 - 1 (event_seed + trial·n_gids + drive cell index)",
                "seeds 0 … 4294967295");
        return new RandomState(seed);
    }

    /// <summary>Keep 0 &lt; t ≤ tstop and sort ascending (evoked and bursty, docs/dev/drives.md §6.1).</summary>
    internal static double[] InWindowSorted(IEnumerable<double> times, double tstop)
    {
        var kept = times.Where(t => t > 0 && t <= tstop).ToArray();
        Array.Sort(kept);
        return kept;
    }
}
