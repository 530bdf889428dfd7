namespace Hnn.Biophysics.Cells;

/// <summary>
/// A pending NetCon delivery: time (ms), target synapse instance (synapse·Lanes + cell) and
/// weight (µS). Events are delivered in one canonical order (time, target, weight) so that
/// floating-point sums do not depend on the order in which events were queued.
/// </summary>
internal readonly record struct SynapticEvent(double Time, int Target, double Weight)
{
    public static readonly IComparer<SynapticEvent> Order = Comparer<SynapticEvent>.Create((x, y) => Compare(x, y));

    /// <summary>The canonical order: time, then target, then weight.</summary>
    public static int Compare(in SynapticEvent x, in SynapticEvent y)
    {
        var c = x.Time.CompareTo(y.Time);
        if (c != 0) return c;
        c = x.Target.CompareTo(y.Target);
        return c != 0 ? c : x.Weight.CompareTo(y.Weight);
    }
}
