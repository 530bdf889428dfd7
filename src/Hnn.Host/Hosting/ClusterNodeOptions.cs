using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Hosting;

/// <summary>How one node joins the HNN cluster: its address, role and the seed nodes.</summary>
/// <param name="Role">"worker" hosts shards; "coordinator" runs trials.</param>
/// <param name="Host">Hostname to bind and advertise.</param>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="Seeds">Seed node addresses (akka.tcp://hnn@host:port, akka.ssl.tcp://… with <see cref="Tls"/>); empty: this node is the first.</param>
public sealed record ClusterNodeOptions(string Role, string Host = "127.0.0.1", int Port = 0, IReadOnlyList<string>? Seeds = null)
{
    public const string SystemName = "hnn";
    public const string WorkerRole = "worker";
    public const string CoordinatorRole = "coordinator";

    /// <summary>
    /// The lowest level the node logs, Akka's events and the host's own alike (Akka's log goes
    /// through Microsoft.Extensions.Logging, category <c>Akka.Actor.ActorSystem</c>). Default: warning.
    /// </summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// TLS with mutual authentication between the nodes (<see cref="ClusterTls"/>); null: plain TCP,
    /// which anyone who can reach the port can join, so only allowed on a loopback
    /// <see cref="Host"/> unless <see cref="AllowInsecure"/>.
    /// </summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Allows plain TCP (no <see cref="Tls"/>) on a non-loopback <see cref="Host"/>: for a network where every machine that can reach the port is trusted.</summary>
    public bool AllowInsecure { get; init; }

    /// <summary>The address scheme of the node's transport: akka.tcp, or akka.ssl.tcp with TLS.</summary>
    public string Protocol => Tls is null ? "akka.tcp" : "akka.ssl.tcp";

    /// <summary>Whether <paramref name="host"/> is a loopback address or localhost (names are not resolved: any other name counts as reachable from the network).</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad value and what is allowed.</summary>
    internal void Validate()
    {
        if (Role is not (WorkerRole or CoordinatorRole))
            throw new ArgumentException($"role '{Role}' is unknown; allowed: {WorkerRole}, {CoordinatorRole}", "node");
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException($"host '{Host}' is empty; allowed: a hostname or IP address to bind and advertise", "node");
        if (Port is < 0 or > 65535)
            throw new ArgumentException($"port {Port} is out of range; allowed: 0 (any) … 65535", "node");
        foreach (var seed in Seeds ?? [])
        {
            if (!Address.TryParse(seed, out var a) || a.System != SystemName || a.Host is null || a.Port is null || a.Protocol is not ("akka.tcp" or "akka.ssl.tcp"))
                throw new ArgumentException($"seed '{seed}' is not an address {Protocol}://{SystemName}@HOST:PORT", "node");
            if (a.Protocol != Protocol)
                throw new ArgumentException(Tls is null
                    ? $"seed '{seed}' is a TLS address but this node has no TLS; allowed: akka.tcp://{SystemName}@HOST:PORT, or give this node the cluster's certificate"
                    : $"seed '{seed}' is a plain-TCP address but this node uses TLS; allowed: akka.ssl.tcp://{SystemName}@HOST:PORT", "node");
        }
        if (Tls is null && !AllowInsecure && !IsLoopback(Host))
            throw new ArgumentException($"host '{Host}' is not a loopback address and the node has no TLS: any machine that reaches its port could join the cluster; "
                + "allowed: a loopback host (127.0.0.1, ::1, localhost), Tls (a certificate), or AllowInsecure on a network where every machine is trusted", "node");
        // Loads and checks the certificate (file, password, private key, dates, CA): refused here, not as a handshake failure later.
        if (Tls?.Load() is { } loaded)
        {
            loaded.Certificate.Dispose();
            loaded.Ca?.Dispose();
        }
        HnnLogLevels.Validate(LogLevel, "node", "LogLevel");
    }
}
