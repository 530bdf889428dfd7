using System.CommandLine;
using Hnn.Host.Cli;

// Entry point of the `hnn` command; each verb lives in Cli/<Verb>Command.cs.
var root = new RootCommand("HnnActors: the HNN-core neocortical column model on Akka.NET");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
