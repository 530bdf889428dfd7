using System.CommandLine;
using Hnn.Host.Hosting;
using Microsoft.Extensions.Hosting;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn node --role worker --host H --port P --seed akka.tcp://hnn@HOST:PORT [--tls-cert FILE …]`:
/// a worker that hosts population shards for coordinators of the cluster, until Ctrl-C or SIGTERM.
/// </summary>
internal static class NodeCommand
{
    /// <summary>Exit code of a worker the cluster downed (a supervisor should start it again).</summary>
    public const int DownedExitCode = 3;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "node role: worker", DefaultValueFactory = _ => ClusterNodeOptions.WorkerRole };
        var host = new Option<string>("--host") { Description = "hostname to bind and advertise", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => 0 };
        var seeds = new Option<string[]>("--seed") { Description = "seed node akka.tcp://hnn@HOST:PORT, akka.ssl.tcp://… with --tls-cert (repeatable; none: start a new cluster)", DefaultValueFactory = _ => [] };
        var tls = new TlsCliOptions();
        var command = new Command("node", "Run a cluster worker node that hosts population shards");
        foreach (var o in new Option[] { role, host, port, seeds }.Concat(tls.All)) command.Options.Add(o);
        command.SetAction((parse, cancel) => UserError.GuardAsync("node", async () =>
        {
            var r = parse.GetValue(role)!;
            if (r != ClusterNodeOptions.WorkerRole) throw new ArgumentException($"--role '{r}' is not supported here; allowed: worker (coordinators run with hnn simulate --cluster)");
            // Without --seed the node is the cluster's first node (a seed for the others).
            HostName.Check(parse.GetValue(host));
            var s = parse.GetValue(seeds)!;
            if (s.Length == 0 && parse.GetValue(port) == 0)
                throw new ArgumentException("a node without --seed starts a new cluster and needs a fixed --port for the others to join it");
            using var node = ClusterNodeHost.Build(tls.Apply(parse, new ClusterNodeOptions(r, parse.GetValue(host)!, parse.GetValue(port), s)));
            await node.StartAsync(cancel);
            var system = ClusterNodeHost.ActorSystemOf(node);
            var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
            Console.WriteLine(s.Length > 0
                ? $"worker {self} joining {string.Join(", ", s)}; Ctrl-C or SIGTERM to stop"
                : $"worker {self} started a cluster: join it with --seed {self}; Ctrl-C or SIGTERM to stop");
            // The host's console lifetime turns Ctrl-C / SIGTERM into a graceful stop (leave the cluster).
            await node.WaitForShutdownAsync(cancel);
            // Downed (taken for lost, e.g. after a freeze): the cluster will not take this node back,
            // so exit non-zero and let a supervisor start a fresh one (docs/cli.md, hnn node).
            if (Akka.Actor.CoordinatedShutdown.Get(system).ShutdownReason is Akka.Actor.CoordinatedShutdown.ClusterDowningReason)
            {
                Console.Error.WriteLine($"hnn node: worker {self} was downed by the cluster (taken for lost); a downed node cannot rejoin: start a new one");
                return DownedExitCode;
            }
            Console.WriteLine("worker stopped");
            return 0;
        }));
        return command;
    }
}
