using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.Coupling;

/// <summary>
/// Several named networks simulated together, and the projections that carry the spikes of one
/// network's cells into another while they run (docs/dev/coupling.md). Immutable like
/// <see cref="NetworkSpec"/>: every Add… returns a new spec after checking its arguments. A
/// projection is a spike-train drive of the target network (HNN-core's add_spike_train_drive
/// arguments and the per-source target_config), so its connections, gids and seeds are exactly
/// the ones the offline replay of the same spikes would have.
/// </summary>
public sealed record MultiNetworkSpec
{
    private (string Name, NetworkSpec Network)[] Entries { get; init; } = [];

    public MultiNetworkSpec() { }

    /// <summary>The networks' names in the order they were added (the order outputs are listed in).</summary>
    public IReadOnlyList<string> Names => Entries.Select(n => n.Name).ToArray();

    /// <summary>The networks, projections included as drives of their targets, in <see cref="Names"/> order.</summary>
    public IReadOnlyList<NetworkSpec> Networks => Entries.Select(n => n.Network).ToArray();

    public IReadOnlyList<Projection> Projections { get; private init; } = [];

    public NetworkSpec this[string name] => Entries[IndexOf(name, "name")].Network;

    /// <summary>Adds a network under a name that is also its output folder's (letters, digits, '_', '-', '.').</summary>
    public MultiNetworkSpec AddNetwork(string name, NetworkSpec network)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckName("name", name, "network");
        if (Entries.Any(n => n.Name == name))
            throw Invalid.Argument("name", name, "a network of that name exists already", $"a name other than {Invalid.List(Names)}");
        return this with { Entries = [.. Entries, (name, network)] };
    }

    /// <summary>
    /// Connects the cells of <paramref name="sourceTypes"/> in network <paramref name="from"/> to network
    /// <paramref name="to"/> as add_spike_train_drive(<paramref name="name"/>, …) would with their spikes
    /// as spike_data, the spikes arriving as they are fired. Each source is one drive cell (a cell that never
    /// fires is a drive cell that never spikes); target_config keys are the source ids "{from}_{type}_GID{gid}".
    /// </summary>
    public MultiNetworkSpec AddProjection(
        string name, string from, IEnumerable<string> sourceTypes, string to, string location,
        IReadOnlyDictionary<string, double>? weightsAmpa = null, IReadOnlyDictionary<string, double>? weightsNmda = null,
        PerCellType? synapticDelays = null, double spaceConstant = 3.0, PerCellType? probability = null,
        long? connSeed = null, IEnumerable<KeyValuePair<string, ReplayTargetConfig>>? targetConfig = null)
    {
        ArgumentNullException.ThrowIfNull(sourceTypes);
        CheckName("name", name, "projection");
        if (Projections.Any(p => p.Name == name))
            throw Invalid.Argument("name", name, "a projection of that name exists already", $"a name other than {Invalid.List(Projections.Select(p => p.Name))}");
        var source = this[CheckNetwork("from", from)];
        var targetIndex = IndexOf(CheckNetwork("to", to), "to");
        var types = sourceTypes.ToArray();
        if (types.Length == 0)
            throw Invalid.Argument("source_types", "[]", "a projection needs at least one source cell type", Invalid.List(source.CellTypeNames));
        foreach (var t in types)
            if (!source.IsCellType(t))
                throw Invalid.Argument("source_types", t, $"not a cell type of network '{from}'", Invalid.List(source.CellTypeNames));
        if (types.Distinct().Count() != types.Length)
            throw Invalid.Argument("source_types", Invalid.List(types), "a cell type is listed twice", "distinct cell types");

        // Sources in gid order, whatever order the types were listed in.
        var gids = source.CellTypes.Where(c => types.Contains(c.Name))
            .SelectMany(c => source.RangeOf(c.Name).Gids.Select(g => (Type: c.Name, Gid: g))).OrderBy(s => s.Gid).ToArray();
        var spikeData = SpikeData.FromSources(gids.Select(s =>
            new KeyValuePair<string, IEnumerable<double>>(SourceId(from, s.Type, s.Gid), [])));
        var target = Entries[targetIndex].Network.AddSpikeTrainDrive(name, spikeData, location, weightsAmpa, weightsNmda,
            synapticDelays, spaceConstant, probability, connSeed, targetConfig);
        var networks = Entries.ToArray();
        networks[targetIndex] = (to, target);
        return this with
        {
            Entries = networks,
            Projections = [.. Projections, new Projection(name, from, types, to, gids.Select(s => s.Gid).ToArray())],
        };
    }

    /// <summary>The id a projection gives the source cell <paramref name="gid"/> of <paramref name="network"/>.</summary>
    public static string SourceId(string network, string cellType, int gid) => $"{network}_{cellType}_GID{gid}";

    internal int IndexOf(string name, string argument)
    {
        for (var i = 0; i < Entries.Length; i++)
            if (Entries[i].Name == name) return i;
        throw Invalid.Argument(argument, name, "no network of that name", Entries.Length == 0 ? "add the network first" : Invalid.List(Names));
    }

    private string CheckNetwork(string argument, string? name)
    {
        if (string.IsNullOrEmpty(name)) throw Invalid.Argument(argument, "\"\"", "a projection names its networks", Invalid.List(Names));
        IndexOf(name, argument);
        return name;
    }

    // Network names become folder names, so they must be plain.
    private static void CheckName(string argument, string? name, string what)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw Invalid.Argument(argument, name ?? "null", $"not a usable {what} name", "letters, digits, '_', '-' and '.' (not '.' or '..' alone)");
    }
}
