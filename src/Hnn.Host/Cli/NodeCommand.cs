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

    /// <summary>Exit code of a worker that could not join through its seeds within --join-timeout.</summary>
    public const int JoinFailedExitCode = 4;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "node role: worker", DefaultValueFactory = _ => ClusterNodeOptions.WorkerRole };
        var host = new Option<string>("--host") { Description = "hostname to bind and advertise", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (0: any free port)", DefaultValueFactory = _ => 0 };
        var seeds = new Option<string[]>("--seed") { Description = "seed node akka.tcp://hnn@HOST:PORT, akka.ssl.tcp://… with --tls-cert (repeatable; none: start a new cluster)", DefaultValueFactory = _ => [] };
        var join = new Option<double>("--join-timeout") { Description = "seconds to get into the cluster through --seed (also after every seed left it) before giving up with exit code 4", DefaultValueFactory = _ => 60 };
        var tls = new TlsCliOptions();
        var command = new Command("node", "Run a cluster worker node that hosts population shards");
        foreach (var o in new Option[] { role, host, port, seeds, join }.Concat(tls.All)) command.Options.Add(o);
        command.SetAction((parse, cancel) => UserError.GuardAsync("node", async () =>
        {
            var r = parse.GetValue(role)!;
            if (r != ClusterNodeOptions.WorkerRole) throw new ArgumentException($"--role '{r}' is not supported here; allowed: worker (coordinators run with hnn simulate --cluster)");
            // Without --seed the node is the cluster's first node (a seed for the others).
            HostName.Check(parse.GetValue(host));
            var s = parse.GetValue(seeds)!;
            if (s.Length == 0 && parse.GetValue(port) == 0)
                throw new ArgumentException("a node without --seed starts a new cluster and needs a fixed --port for the others to join it");
            var joinTimeout = parse.GetValue(join);
            if (joinTimeout <= 0) throw new ArgumentException($"--join-timeout must be > 0 seconds, got {joinTimeout}");
            var options = tls.Apply(parse, new ClusterNodeOptions(r, parse.GetValue(host)!, parse.GetValue(port), s));
            var seedAddresses = s.Select(Akka.Actor.Address.Parse).ToArray();
            while (true)
            {
                using var node = ClusterNodeHost.Build(options);
                await node.StartAsync(cancel);
                var system = ClusterNodeHost.ActorSystemOf(node);
                var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
                Console.WriteLine(s.Length > 0
                    ? $"worker {self} joining {string.Join(", ", s)}; Ctrl-C or SIGTERM to stop"
                    : $"worker {self} started a cluster: join it with --seed {self}; Ctrl-C or SIGTERM to stop");
                if (s.Length > 0 && !await NodeMembership.WaitUntilUpAsync(system, TimeSpan.FromSeconds(joinTimeout), cancel))
                {
                    Console.Error.WriteLine($"hnn node: worker {self} could not join the cluster through {string.Join(", ", s)} within {joinTimeout:0.#} s; " +
                                            "is a node running there, and reachable from here? (--join-timeout)");
                    await StopQuietlyAsync(node);
                    return JoinFailedExitCode;
                }
                // The host's console lifetime turns Ctrl-C / SIGTERM into a graceful stop (leave the cluster).
                using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var shutdown = node.WaitForShutdownAsync(cancel);
                var seedsGone = s.Length > 0 ? NodeMembership.SeedsGoneAsync(system, seedAddresses, stopWatching.Token) : Task.Delay(Timeout.Infinite, stopWatching.Token);
                var cluster = Akka.Cluster.Cluster.Get(system);
                if (await Task.WhenAny(shutdown, seedsGone) == seedsGone && seedsGone.IsCompletedSuccessfully
                    && !cluster.IsTerminated && cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up)   // not itself downed or leaving
                {
                    // Every seed left (e.g. the coordinator the cluster was started from died): the next coordinator
                    // there would found a new cluster, so leave this one and join again through the seeds.
                    Console.WriteLine($"worker {self}: every seed ({string.Join(", ", s)}) and every coordinator have left the cluster; joining again through the seeds");
                    await StopQuietlyAsync(node);
                    continue;
                }
                stopWatching.Cancel();
                await shutdown;
                // Downed (taken for lost, e.g. after a freeze): the cluster will not take this node back,
                // so exit non-zero and let a supervisor start a fresh one (docs/cli.md, hnn node).
                if (Akka.Actor.CoordinatedShutdown.Get(system).ShutdownReason is Akka.Actor.CoordinatedShutdown.ClusterDowningReason)
                {
                    Console.Error.WriteLine($"hnn node: worker {self} was downed by the cluster (taken for lost); a downed node cannot rejoin: start a new one");
                    return DownedExitCode;
                }
                break;
            }
            Console.WriteLine("worker stopped");
            return 0;
        }));
        return command;
    }

    private static async Task StopQuietlyAsync(IHost node)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await node.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
