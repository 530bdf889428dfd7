using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Network;

/// <summary>
/// An immutable description of a network (docs/dev/architecture.md "Data flow"): cell types with their positions,
/// gid ranges, connections (already sampled), drives and tonic biases, and the global settings.
/// Every "Add…" method returns a new spec; nothing is mutated, so a spec can be shared between
/// threads and shipped to other nodes. Gids: cell types first in <see cref="CellTypes"/> order,
/// then drives in the order they were added (docs/dev/network.md §4).
/// </summary>
public sealed partial record NetworkSpec
{
    private NetworkSpec() { }

    /// <summary>The (n_x, n_y) pyramidal grid.</summary>
    public MeshShape MeshShape { get; private init; }

    /// <summary>HNN GUI compatibility mode (docs/dev/network.md §11).</summary>
    public bool LegacyMode { get; private init; }

    /// <summary>Grid spacing d in µm (docs/dev/network.md §3.1); also scales every space constant.</summary>
    public double InplaneDistance { get; private init; } = ColumnLayout.DefaultInplaneDistance;

    /// <summary>Distance Z between the L5 and L2 pyramidal layers in µm.</summary>
    public double LayerSeparation { get; private init; } = ColumnLayout.DefaultLayerSeparation;

    /// <summary>Spike-detection threshold (mV), params <c>threshold</c>.</summary>
    public double Threshold { get; private init; }

    /// <summary>Base delay of cell-to-cell connections (ms), HNN-core's hard-coded net.delay.</summary>
    public double Delay { get; private init; } = 1.0;

    /// <summary>Temperature (°C), params <c>celsius</c>.</summary>
    public double Celsius { get; private init; } = 37.0;

    public IReadOnlyList<CellPopulation> CellTypes { get; private init => field = WireForm.Array(value); } = [];

    /// <summary>Where every drive cell sits (docs/dev/network.md §3.2 step 4).</summary>
    public Position Origin { get; private init; }

    public IReadOnlyList<Connection> Connections { get; private init => field = WireForm.Array(value); } = [];

    public IReadOnlyList<Drive> Drives { get; private init => field = WireForm.Array(value); } = [];

    public IReadOnlyList<TonicBias> TonicBiases { get; private init => field = WireForm.Array(value); } = [];

    /// <summary>Extracellular electrode arrays whose potentials every trial records (docs/dev/extracellular.md).</summary>
    public IReadOnlyList<Extracellular.ElectrodeArraySpec> ElectrodeArrays { get; private init => field = WireForm.Array(value); } = [];

    /// <summary>
    /// HNN-core's <c>add_electrode_array</c>: every trial also records the extracellular potential at each
    /// contact of <paramref name="array"/> from every cell's membrane currents (µV). Names are unique.
    /// </summary>
    public NetworkSpec AddElectrodeArray(Extracellular.ElectrodeArraySpec array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (ElectrodeArrays.Any(a => a.Name == array.Name))
            throw Invalid.Argument("name", array.Name, $"{array.Name} already exists", "a name no other electrode array has");
        return this with { ElectrodeArrays = [.. ElectrodeArrays, array] };
    }

    /// <summary>
    /// HNN-core's bare <c>Network(params, legacy_mode, mesh_shape)</c>: the four default cell types
    /// at their positions, no connections and no drives.
    /// </summary>
    public static NetworkSpec Bare(MeshShape? meshShape = null, bool legacyMode = false)
    {
        var mesh = meshShape ?? MeshShape.Default;
        if (mesh.X < 1 || mesh.Y < 1)
            throw Invalid.Argument("mesh_shape", mesh, "mesh_shape must be a tuple of positive integers",
                "two integers >= 1, e.g. (10, 10)");
        return new NetworkSpec
        {
            MeshShape = mesh,
            LegacyMode = legacyMode,
            CellTypes = ColumnLayout.DefaultPopulations(mesh, ColumnLayout.DefaultInplaneDistance, ColumnLayout.DefaultLayerSeparation),
            Origin = ColumnLayout.Origin(mesh, ColumnLayout.DefaultLayerSeparation, ColumnLayout.DefaultInplaneDistance),
        };
    }

    /// <summary>
    /// A network of the given cell types (e.g. read from an HNN-core network configuration file,
    /// whose cells may differ from the built-in templates), no connections and no drives.
    /// </summary>
    /// <param name="origin">Where every drive cell sits.</param>
    /// <param name="threshold">Spike-detection threshold (mV).</param>
    /// <param name="delay">Base delay of cell-to-cell connections (ms).</param>
    /// <param name="celsius">Temperature (°C).</param>
    public static NetworkSpec FromCells(MeshShape mesh, bool legacyMode, IReadOnlyList<CellPopulation> cells, Position origin,
        double threshold = 0.0, double delay = 1.0, double celsius = 37.0)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (mesh.X < 1 || mesh.Y < 1)
            throw Invalid.Argument("mesh_shape", mesh, "mesh_shape must be a tuple of positive integers", "two integers >= 1, e.g. (10, 10)");
        if (cells.Count == 0) throw Invalid.Argument("cells", 0, "a network needs at least one cell type", "one or more cell types");
        var duplicate = cells.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Invalid.Argument("cells", duplicate.Key, "cell type given twice", "unique cell type names");
        foreach (var c in cells)
        {
            ArgumentNullException.ThrowIfNull(c.Template);
            if (c.Count < 1) throw Invalid.Argument("cells", c.Name, "a cell type needs at least one cell", "one or more positions");
        }
        CheckFinite("threshold", threshold);
        if (!(delay > 0) || !double.IsFinite(delay)) throw Invalid.Argument("delay", delay, "the base delay must be positive", "a number > 0 (ms)");
        CheckFinite("celsius", celsius);
        return new NetworkSpec
        {
            MeshShape = mesh,
            LegacyMode = legacyMode,
            CellTypes = [.. cells],
            Origin = origin,
            Threshold = threshold,
            Delay = delay,
            Celsius = celsius,
        };
    }

    /// <summary>The template of cell type <paramref name="cellType"/>; throws naming the network's cell types.</summary>
    public Cells.CellTemplate TemplateOf(string cellType)
    {
        foreach (var c in CellTypes)
            if (c.Name == cellType) return c.Template;
        throw Invalid.Argument("cellType", cellType, "not a cell type of this network", Invalid.List(CellTypeNames));
    }

    /// <summary>Cell type names in gid order.</summary>
    public IEnumerable<string> CellTypeNames => CellTypes.Select(c => c.Name);

    /// <summary>Number of real (non-drive) cells.</summary>
    public int CellCount => CellTypes.Sum(c => c.Count);

    /// <summary>Total number of gids, cells and drive cells (HNN-core's _n_gids; it seeds trials ≥ 1).</summary>
    public int TotalGids => CellCount + Drives.Sum(d => d.NDriveCells);

    /// <summary>Gid ranges: cell types first, then drives in the order added.</summary>
    public IReadOnlyList<GidRange> GidRanges
    {
        get
        {
            var ranges = new List<GidRange>(CellTypes.Count + Drives.Count);
            var next = 0;
            foreach (var c in CellTypes)
            {
                ranges.Add(new GidRange(c.Name, next, next + c.Count));
                next += c.Count;
            }
            foreach (var d in Drives)
                ranges.Add(new GidRange(d.Name, d.FirstGid, d.FirstGid + d.NDriveCells));
            return ranges;
        }
    }

    public bool HasGidRange(string name) => GidRanges.Any(r => r.Name == name);

    public GidRange RangeOf(string name)
    {
        foreach (var r in GidRanges)
            if (r.Name == name) return r;
        throw Invalid.Argument("name", name, "not a cell type or drive of this network",
            Invalid.List(GidRanges.Select(r => r.Name)));
    }

    /// <summary>The cell type or drive owning <paramref name="gid"/>, or null.</summary>
    public string? GidToType(int gid) => GidRanges.FirstOrDefault(r => r.Contains(gid)).Name;

    public bool IsCellType(string name) => CellTypes.Any(c => c.Name == name);

    public Drive? DriveNamed(string name) => Drives.FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// The drive cells of <paramref name="driveName"/> that HNN-core actually builds (docs/dev/drives.md §5):
    /// a cell-specific drive cell whose only pair was pruned by probability sampling is not
    /// instantiated (it neither spikes nor is recorded); all-to-all drive cells always are. Event
    /// times are still generated for every drive cell, so pruning never shifts a random stream.
    /// </summary>
    public IReadOnlySet<int> BuiltDriveGids(string driveName)
    {
        var drive = DriveNamed(driveName)
            ?? throw Invalid.Argument("driveName", driveName, "not a drive of this network", Invalid.List(Drives.Select(d => d.Name)));
        if (!drive.CellSpecific) return drive.Gids.Gids.ToHashSet();
        return Connections.Where(c => c.SourceType == drive.Name).SelectMany(c => c.Pairs).Select(p => p.Source).ToHashSet();
    }

    /// <summary>Position of a cell, or the origin for a drive cell (docs/dev/network.md §6).</summary>
    public Position PositionOf(int gid)
    {
        var start = 0;
        foreach (var c in CellTypes)
        {
            if (gid >= start && gid < start + c.Count) return c.Positions[gid - start];
            start += c.Count;
        }
        if (gid >= start && gid < TotalGids) return Origin;
        throw Invalid.Argument("gid", gid, "not in the network's gid ranges", $"0 … {TotalGids - 1}");
    }

    /// <summary>
    /// HNN-core's <c>set_cell_positions</c>: recompute the layers and origin with a new grid spacing
    /// and/or layer separation (null keeps the current value). Weights and delays do not change,
    /// because space constants scale with the grid spacing (docs/dev/network.md §3.4).
    /// </summary>
    public NetworkSpec WithCellPositions(double? inplaneDistance = null, double? layerSeparation = null)
    {
        if (inplaneDistance is { } d && !(d > 0))
            throw Invalid.Argument("inplane_distance", d, "In-plane distance must be positive", "a number > 0");
        if (layerSeparation is { } z && !(z > 0))
            throw Invalid.Argument("layer_separation", z, "Layer separation must be positive", "a number > 0");
        var inplane = inplaneDistance ?? InplaneDistance;
        var separation = layerSeparation ?? LayerSeparation;
        return this with
        {
            InplaneDistance = inplane,
            LayerSeparation = separation,
            CellTypes = ColumnLayout.DefaultPopulations(MeshShape, inplane, separation)
                .Select(p => p with { Template = TemplateOf(p.Name) }).ToArray(),
            Origin = ColumnLayout.Origin(MeshShape, separation, inplane),
        };
    }

    /// <summary>Removes every drive, its gids and its connections (HNN-core's clear_drives).</summary>
    public NetworkSpec ClearDrives()
    {
        var driveNames = Drives.Select(d => d.Name).ToHashSet();
        return this with { Drives = [], Connections = Connections.Where(c => !driveNames.Contains(c.SourceType)).ToArray() };
    }

    /// <summary>Keeps only connections whose source is a drive (HNN-core's clear_connectivity).</summary>
    public NetworkSpec ClearConnectivity()
    {
        var driveNames = Drives.Select(d => d.Name).ToHashSet();
        return this with { Connections = Connections.Where(c => driveNames.Contains(c.SourceType)).ToArray() };
    }

    /// <summary>Cell type <paramref name="cellType"/> built from <paramref name="template"/> (a model variant's cells).</summary>
    internal NetworkSpec WithTemplate(string cellType, Cells.CellTemplate template)
    {
        TemplateOf(cellType);
        return this with { CellTypes = CellTypes.Select(c => c.Name == cellType ? c with { Template = template } : c).ToArray() };
    }

    internal NetworkSpec WithConnection(Connection c) => this with { Connections = [.. Connections, c] };

    internal NetworkSpec WithDrive(Drive d) => this with { Drives = [.. Drives, d] };

    internal NetworkSpec WithTonicBias(TonicBias b) => this with { TonicBiases = [.. TonicBiases, b] };

    internal NetworkSpec WithThreshold(double threshold) => this with { Threshold = threshold };

    /// <summary>
    /// A short text like HNN-core's repr: <c>&lt;Network | 35 L2_basket cells …&gt;</c>.
    /// </summary>
    public override string ToString() =>
        "<Network | " + string.Join("\n", CellTypes.Select(c => $"{c.Count} {c.Name} cells")) + ">";
}
