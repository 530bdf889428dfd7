namespace Hnn.Host.Plots;

/// <summary>Checks shared by the plots, so each bad argument is named with what it may be.</summary>
internal static class PlotArguments
{
    public static void RequirePath(string path, string argument)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("the PNG path must be a non-empty file name, got an empty one", argument);
    }

    public static void RequirePositiveTime(double ms, string argument)
    {
        if (!double.IsFinite(ms) || ms <= 0)
            throw new ArgumentException($"{argument} must be a finite number of ms > 0, got {ms}", argument);
    }

    /// <summary>Parallel spike arrays (time, gid, type) must line up entry by entry.</summary>
    public static void RequireSpikeColumns(string what, int times, int types, string argument, int? gids = null)
    {
        if (times == types && (gids is null || gids == times)) return;
        var columns = gids is null
            ? $"spike times ({times}) and spike types ({types})"
            : $"spike times ({times}), spike gids ({gids}) and spike types ({types})";
        throw new ArgumentException($"{what}: {columns} must have the same length, one entry per spike", argument);
    }
}
