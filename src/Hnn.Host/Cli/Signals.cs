using System.Runtime.InteropServices;

namespace Hnn.Host.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for the whole process. A verb that can stop cleanly (one run under
/// <see cref="UserError.GuardAsync"/>) gets the first signal as a cancellation of <see cref="Token"/>
/// and ends with exit code 130 (SIGINT) or 143 (SIGTERM); a second signal ends the process at once.
/// Verbs that do not cooperate keep the default: the signal ends them.
/// System.CommandLine's own handling is switched off in Program.cs, because after its 2 s
/// timeout it ends the process with no message while the run may still be writing.
/// </summary>
internal static class Signals
{
    public const int SigIntExitCode = 130, SigTermExitCode = 143;

    private static readonly CancellationTokenSource Source = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int _received;
    private static volatile bool _cooperative;

    public static CancellationToken Token => Source.Token;

    /// <summary>130 or 143 for the signal received (130 when cancelled without one).</summary>
    public static int ExitCode => _received == 0 ? SigIntExitCode : _received;

    public static void Install()
    {
        if (OperatingSystem.IsAndroid() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsBrowser()) return;
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    /// <summary>Called by a verb that stops cleanly when <see cref="Token"/> is cancelled.</summary>
    public static void Cooperate() => _cooperative = true;

    private static void OnSignal(PosixSignalContext context)
    {
        if (!_cooperative) return;   // default action: the signal ends the process
        var code = context.Signal == PosixSignal.SIGINT ? SigIntExitCode : SigTermExitCode;
        if (Interlocked.CompareExchange(ref _received, code, 0) != 0)
        {
            // The second signal: the user does not want to wait for a clean stop.
            Console.Error.WriteLine("hnn: stopped at once (second signal); a temporary .hnn-tmp folder may be left beside --out");
            Console.Error.Flush();
            if (OperatingSystem.IsWindows()) Environment.Exit(code);
            ExitNow(code);
        }
        context.Cancel = true;
        // Off the signal's thread: the token's callbacks stop hosts and actor systems, which must not
        // hold the thread that delivers the next signal (the second one must always get through).
        ThreadPool.UnsafeQueueUserWorkItem(_ => Source.Cancel(), null);
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int status);
}
