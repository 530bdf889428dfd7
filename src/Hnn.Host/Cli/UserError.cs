namespace Hnn.Host.Cli;

/// <summary>
/// Runs a verb's body and turns bad input (a bad argument, a missing or malformed file) into
/// one line on stderr and exit code 2, as the CLI promises; anything else is a bug and
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
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"hnn {verb}: {Describe(e)}");
            return ExitCode;
        }
    }

    public static async Task<int> GuardAsync(string verb, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"hnn {verb}: {Describe(e)}");
            return ExitCode;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"hnn {verb}: cancelled");
            return 130;
        }
        catch (Hnn.Actors.Engine.SimulationException e)
        {
            Console.Error.WriteLine($"hnn {verb}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The message without .NET's " (Parameter 'x')" suffix: users never see parameter names.</summary>
    public static string Describe(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
}
