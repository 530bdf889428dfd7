using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace Hnn.Host.Hosting;

/// <summary>How one node joins the HNN cluster: its address, role and the seed nodes.</summary>
/// <param name="Role">"worker" hosts shards; "coordinator" runs trials.</param>
/// <param name="Host">Hostname to bind and advertise.</param>
/// <param name="Port">TCP port; 0 picks a free one.</param>
/// <param name="Seeds">Seed node addresses (akka.tcp://hnn@host:port); empty: this node is the first.</param>
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
            if (!Address.TryParse(seed, out var a) || a.System != SystemName || a.Host is null || a.Port is null)
                throw new ArgumentException($"seed '{seed}' is not an address akka.tcp://{SystemName}@HOST:PORT", "node");
        HnnLogLevels.Validate(LogLevel, "node", "LogLevel");
    }
}
