using Akka.Actor;
using Akka.Serialization;

namespace Hnn.Actors.Cluster;

/// <summary>
/// Hyperion with <see cref="HnnTypeFilter"/> in force: what cluster nodes bind every message to
/// (hocon/cluster.conf). Hyperion's own serializer applies a <c>HyperionSerializerSetup</c>'s type filter
/// to its settings but builds its serializer from the settings it was given, so a filter passed that
/// way is never used (Akka.Serialization.Hyperion 1.5.73); the filter therefore goes into the settings
/// the serializer is built from. Defaults are Hyperion's otherwise (unsafe types refused as well).
/// </summary>
public sealed class HnnHyperionSerializer : HyperionSerializer
{
    public HnnHyperionSerializer(ExtendedActorSystem system) : base(system, FilteredSettings())
    {
    }

    // Akka passes the serializer's HOCON section when there is one; nothing in it may loosen the filter.
    public HnnHyperionSerializer(ExtendedActorSystem system, Akka.Configuration.Config config) : this(system)
    {
    }

    private static HyperionSerializerSettings FilteredSettings()
    {
        var d = HyperionSerializerSettings.Default;
        return new HyperionSerializerSettings(d.PreserveObjectReferences, d.VersionTolerance, d.KnownTypesProvider,
            d.PackageNameOverrides, d.Surrogates, disallowUnsafeType: true, typeFilter: HnnTypeFilter.Instance);
    }
}
