using System.CommandLine;

namespace Hnn.Host.Cli;

/// <summary>The verbs of the `hnn` command, one file each; add new verbs here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return CellCommand.Create();
        yield return BenchCommand.Create();
        yield return EventsCommand.Create();
        yield return NetworkCommand.Create();
        yield return SimulateCommand.Create();
        yield return ReplayCommand.Create();
        yield return NodeCommand.Create();
        yield return BatchCommand.Create();
        yield return FitCommand.Create();
        yield return ConvertCommand.Create();
        yield return Serve.ServeCommand.Create();
    }
}
