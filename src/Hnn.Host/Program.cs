using System.CommandLine;
using Hnn.Host.Cli;

// Entry point of the `hnn` command; each verb lives in Cli/<Verb>Command.cs.
PhaseClock.Mark("runtime start (process start → Main)");
var root = new RootCommand("HnnActors: the HNN-core neocortical column model on Akka.NET");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help"))
{
    // A bad command line exits with 2 (not System.CommandLine's 1) and one line naming every problem.
    Console.Error.WriteLine($"hnn: {string.Join("; ", parse.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))} (see hnn --help)");
    return UserError.ExitCode;
}
// A bad HNN_SIMD (the kernels' vector path) is refused before anything starts, not by a shard deep in a run.
try
{
    _ = Hnn.Biophysics.Solver.SimdPaths.Default;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"hnn: {e.Message}");
    return UserError.ExitCode;
}
// Our own Ctrl-C / SIGTERM handling (Cli/Signals.cs) instead of System.CommandLine's timeout.
Signals.Install();
PhaseClock.Mark("command line");
var exitCode = await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, Signals.Token);
PhaseClock.Report();
return exitCode;
