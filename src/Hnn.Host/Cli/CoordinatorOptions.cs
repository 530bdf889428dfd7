using System.CommandLine;
using Akka.Actor;
using Hnn.Host.Hosting;

namespace Hnn.Host.Cli;

/// <summary>
/// The options of a verb that can run as a cluster's coordinator (`simulate`, `batch`): --cluster,
/// --seed, --workers, --host, --port, the TLS options (<see cref="TlsCliOptions"/>); their checks
/// (each needs --cluster); and the coordinator's life: start the node, wait for the workers, run,
/// leave the cluster.
/// </summary>
internal sealed class CoordinatorOptions
{
    private readonly Option<bool> _cluster;
    private readonly Option<string[]> _seeds = new("--seed") { Description = "with --cluster: seed node akka.tcp://hnn@HOST:PORT, akka.ssl.tcp://… with --tls-cert (none: this node is the seed)", DefaultValueFactory = _ => [] };
    private readonly Option<int> _workers = new("--workers") { Description = "with --cluster: workers to wait for", DefaultValueFactory = _ => 1 };
    private readonly Option<string> _host = new("--host") { Description = "with --cluster: this node's hostname", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port") { Description = "with --cluster: this node's port (0: any)", DefaultValueFactory = _ => 0 };
    private readonly TlsCliOptions _tls = new("with --cluster: ");
    private readonly Option[] _clusterOnly;

    /// <param name="what">What the workers do, for --cluster's help ("place shards on its workers").</param>
    /// <param name="moreClusterOnly">The verb's own options that also need --cluster.</param>
    public CoordinatorOptions(string what, params Option[] moreClusterOnly)
    {
        _cluster = new Option<bool>("--cluster") { Description = $"run as the coordinator of a cluster and {what}" };
        _clusterOnly = [_seeds, _workers, _host, _port, .. _tls.All, .. moreClusterOnly];
    }

    /// <summary>Adds --cluster, then every cluster-only option (the verb's own last).</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_cluster);
        foreach (var o in _clusterOnly) command.Options.Add(o);
    }

    /// <summary>Whether the verb runs on a cluster; a cluster option without --cluster, a bad --host, --workers, seed or TLS option is an error.</summary>
    public bool OnCluster(ParseResult parse)
    {
        if (!parse.GetValue(_cluster))
        {
            if (_clusterOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } stray)
                throw new ArgumentException($"{stray.Name} is a cluster option; add --cluster, or leave it out to run on this machine");
            return false;
        }
        HostName.Check(parse.GetValue(_host));
        var n = parse.GetValue(_workers);
        if (n < 1) throw new ArgumentException($"--workers must be ≥ 1, got {n}");
        // TLS options, plain TCP on a non-loopback host, the certificate: refused before any work.
        Node(parse, warn: false).Validate();
        return true;
    }

    private ClusterNodeOptions Node(ParseResult parse, bool warn) => _tls.Apply(parse, new ClusterNodeOptions(
        ClusterNodeOptions.CoordinatorRole, parse.GetValue(_host)!, parse.GetValue(_port), parse.GetValue(_seeds)), warn);

    /// <summary>Starts this node as the coordinator, waits (60 s at most) for --workers workers, runs, and leaves the cluster.</summary>
    public async Task<T> RunAsync<T>(ParseResult parse, Func<ActorSystem, IReadOnlyList<Address>, Task<T>> run, CancellationToken cancel)
    {
        var options = Node(parse, warn: true);
        using var node = ClusterNodeHost.Build(options);
        await node.StartAsync(cancel);
        var system = ClusterNodeHost.ActorSystemOf(node);
        var n = parse.GetValue(_workers);
        Console.WriteLine($"coordinator {Akka.Cluster.Cluster.Get(system).SelfAddress}: waiting for {n} worker(s)...");
        IReadOnlyList<Address> addresses;
        try
        {
            addresses = await ClusterNodeHost.WaitForWorkersAsync(system, n, TimeSpan.FromSeconds(60), cancel);
        }
        catch (TimeoutException e) when (options.Tls is not null)
        {
            throw new TimeoutException($"{e.Message}; with TLS every node needs a certificate the others trust (--tls-cert, --tls-ca): a refused one is logged as 'TLS: refused'", e);
        }
        Console.WriteLine($"workers: {string.Join(", ", addresses)}");
        var result = await run(system, addresses);
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await node.StopAsync(stopping.Token);
        return result;
    }
}
