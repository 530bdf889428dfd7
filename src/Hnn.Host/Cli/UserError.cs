using System.Globalization;

namespace Hnn.Host.Cli;

/// <summary>
/// Runs a verb's body and turns bad input (a bad argument, a missing or malformed file, a file
/// that cannot be written) into one line on stderr and exit code 2, as the CLI promises; a run
/// stopped by Ctrl-C or SIGTERM into one line and 130 / 143. Anything else is a bug and
/// propagates with its stack trace.
/// </summary>
internal static class UserError
{
    public const int ExitCode = 2;

    public static int Guard(string verb, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"hnn {verb}: {Describe(e)}");
            return ExitCode;
        }
        catch (RunFailedException e)
        {
            Console.Error.WriteLine($"hnn {verb}: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> GuardAsync(string verb, Func<Task<int>> body)
    {
        Signals.Cooperate();
        try
        {
            return await body();
        }
        catch (Exception) when (Signals.Token.IsCancellationRequested)
        {
            // Whatever the run threw while it stopped, the user asked it to stop; outputs are
            // written into a temporary folder that is moved into place only at the end.
            var t = ProgressBar.LatestSimulatedMs is { } ms ? ms.ToString("0.###", CultureInfo.InvariantCulture) : "0";
            if (!Console.IsOutputRedirected) Console.WriteLine();   // end the progress bar's line
            Console.Error.WriteLine($"hnn {verb}: cancelled at t = {t} ms, nothing written");
            return Signals.ExitCode;
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"hnn {verb}: {Describe(e)}");
            return ExitCode;
        }
        catch (Exception e) when (e is Hnn.Actors.Engine.SimulationException or TimeoutException or RunFailedException)
        {
            // The run could not be done (workers lost or never joined): not bad input, still one line.
            Console.Error.WriteLine($"hnn {verb}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static bool IsUserError(Exception e) =>
        e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException;

    /// <summary>The message on one line, without .NET's " (Parameter 'x')" suffix: users never see parameter names.</summary>
    public static string Describe(Exception e) => Hnn.Biophysics.Experiment.UserMessage.Of(e).ReplaceLineEndings(" ");
}
