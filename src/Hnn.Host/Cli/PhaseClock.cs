using System.Diagnostics;

namespace Hnn.Host.Cli;

/// <summary>
/// Where a command's wall time goes, for profiling the whole process (docs/dev/performance.md §1):
/// with HNN_PROFILE=1 the time of each phase since the previous mark (the first since the
/// process started) is printed to stderr when the command ends. Off, a mark costs one branch.
/// </summary>
internal static class PhaseClock
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("HNN_PROFILE") == "1";
    private static readonly List<(string Phase, double Seconds)> Phases = [];
    private static readonly Lock Gate = new();
    private static DateTime _last = Enabled ? Process.GetCurrentProcess().StartTime : default;

    /// <summary>Ends the phase <paramref name="phase"/> now.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        lock (Gate)
        {
            var now = DateTime.Now;
            Phases.Add((phase, (now - _last).TotalSeconds));
            _last = now;
        }
    }

    /// <summary>Prints the phases (HNN_PROFILE=1 only).</summary>
    public static void Report()
    {
        if (!Enabled) return;
        Mark("exit");
        lock (Gate)
        {
            var total = Phases.Sum(p => p.Seconds);
            Console.Error.WriteLine($"profile: {total:F3} s since the process started");
            foreach (var (phase, s) in Phases)
                Console.Error.WriteLine($"profile: {s,7:F3} s  {100 * s / total,5:F1} %  {phase}");
        }
    }
}
