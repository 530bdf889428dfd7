using System.CommandLine;
using Hnn.Host.Cli;

// Entry point of the `hnn` command; each verb lives in Cli/<Verb>Command.cs.
var root = new RootCommand("HnnActors: the HNN-core neocortical column model on Akka.NET");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Any(a => a is "-h" or "--help"))
{
    // Bad command lines exit with 2 and one line per problem (not System.CommandLine's 1).
    foreach (var error in parse.Errors) Console.Error.WriteLine($"hnn: {error.Message}");
    return UserError.ExitCode;
}
return await parse.InvokeAsync();
