using Akka.Actor;
using Akka.Remote.Serialization;
using Akka.Serialization;

namespace Hnn.Actors.Cluster;

/// <summary>
/// Akka's serializer of its small messages (Identify, heartbeats, PoisonPill, remote scopes, …) with one
/// message refused from other nodes: <c>Status.Failure</c>, whose exception it would create by type name,
/// whatever type the sender names. Nodes of this project never send one (a failure travels as
/// <c>ShardFailed</c> or a job's error text). Bound as "akka-misc" in hocon/cluster.conf, same identifier.
/// </summary>
public sealed class HnnMiscMessageSerializer : SerializerWithStringManifest
{
    private const string StatusFailureManifest = "STF";   // MiscMessageSerializer's manifest of Status.Failure
    private readonly MiscMessageSerializer _inner;

    public HnnMiscMessageSerializer(ExtendedActorSystem system) : base(system) => _inner = new MiscMessageSerializer(system);

    public override int Identifier => _inner.Identifier;

    public override byte[] ToBinary(object obj) => _inner.ToBinary(obj);

    public override string Manifest(object o) => _inner.Manifest(o);

    public override object FromBinary(byte[] bytes, string manifest) => manifest == StatusFailureManifest
        ? throw new System.Runtime.Serialization.SerializationException("Status.Failure from another node is refused: its exception type would be created by name")
        : _inner.FromBinary(bytes, manifest);
}
