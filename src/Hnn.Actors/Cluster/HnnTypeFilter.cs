using Hyperion;

namespace Hnn.Actors.Cluster;

/// <summary>
/// The types Hyperion may create when it deserialises a message from another node: our own
/// (Hnn.*) and the plain framework types they are made of. Anything else is refused, so a
/// message cannot make a node load an arbitrary type.
/// </summary>
public sealed class HnnTypeFilter : ITypeFilter
{
    public static readonly HnnTypeFilter Instance = new();

    private static readonly string[] Allowed =
    [
        "Hnn.Biophysics.", "Hnn.Actors.",
        "System.String", "System.Double", "System.Int32", "System.Int64", "System.Boolean", "System.Byte", "System.TimeSpan",
        "System.Nullable`1", "System.ValueTuple", "System.Tuple",
        "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.KeyValuePair`2", "System.Collections.DictionaryEntry", "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.ObjectModel.ReadOnlyCollection`1", "System.Collections.ObjectModel.ReadOnlyDictionary`2",
        "System.Collections.Generic.GenericEqualityComparer`1", "System.Collections.Generic.ObjectEqualityComparer`1",
        "System.Collections.Generic.NonRandomizedStringEqualityComparer", "System.Collections.Generic.StringEqualityComparer", "System.OrdinalComparer",
        "System.Collections.Generic.GenericComparer`1",
        "Akka.Actor.Address", "Akka.Actor.Status",
        // Interfaces only ever appear as type arguments (Dictionary<string, IReadOnlyList<T>>): nothing to create.
        "System.Collections.Generic.IReadOnlyList`1", "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IEnumerable`1",
    ];

    public bool IsAllowed(string typeName)
    {
        // Generic arguments ([[T, Assembly], [U, Assembly]]) must be allowed too.
        foreach (var name in TypeNames(typeName))
            if (!Allowed.Any(a => name.StartsWith(a, StringComparison.Ordinal)))
                return false;
        return true;
    }

    private static IEnumerable<string> TypeNames(string assemblyQualified)
    {
        var parts = assemblyQualified.Split(["[[", "],["], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var end = part.IndexOfAny([',', ']', '[']);
            var name = (end < 0 ? part : part[..end]).Trim();
            if (name.Length > 0) yield return name;
        }
    }
}
