using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// Builds the file HNN-core's <c>write_network_configuration</c> writes for a network (docs/dev/io.md
/// §5.4): HNN-core's key order and number types, no simulation output (events [], cell_response {}).
/// </summary>
internal static class NetworkConfigWriter
{
    private static readonly string[] DefaultPositionOrder =
        [CellTemplates.L5Pyramidal, CellTemplates.L2Pyramidal, CellTemplates.L5Basket, CellTemplates.L2Basket];

    public static PyObject ToPyJson(NetworkSpec net)
    {
        if (net.InplaneDistance != 1.0)
            throw new ArgumentException(
                $"inplane_distance = {Invalid.Show(net.InplaneDistance)} µm cannot be written: a network configuration file does not store it and " +
                "HNN-core's reader assumes 1.0, so its connections would get other weights and delays. Allowed: a network with inplane_distance 1.0",
                nameof(net));
        var cellTypes = new PyObject();
        foreach (var c in net.CellTypes)
            cellTypes.Add(c.Name, ConfigCellWriter.Write(c.Name, c.Template));

        var gidRanges = new PyObject();
        foreach (var r in net.GidRanges)
            gidRanges.Add(r.Name, new PyObject().Add("start", PyJson.Int(r.Start)).Add("stop", PyJson.Int(r.Stop)));

        var drives = new PyObject();
        foreach (var d in net.Drives) drives.Add(d.Name, Drive(net, d));

        var biases = new PyObject();
        foreach (var group in net.TonicBiases.GroupBy(b => b.Name))
        {
            var perType = new PyObject();
            foreach (var b in group)
                perType.Add(b.CellType, new PyObject()
                    .Add("amplitude", PyJson.Float(b.Amplitude))
                    .Add("t0", PyJson.Float(b.T0))
                    .Add("tstop", b.TStop is { } t ? PyJson.Float(t) : PyJson.Null)
                    .Add("section", PyJson.Str(b.Section)));
            biases.Add(group.Key, perType);
        }

        return new PyObject()
            .Add("object_type", PyJson.Str("Network"))
            .Add("legacy_mode", PyJson.Bool(net.LegacyMode))
            .Add("N_pyr_x", PyJson.Int(net.MeshShape.X))
            .Add("N_pyr_y", PyJson.Int(net.MeshShape.Y))
            .Add("celsius", PyJson.Float(net.Celsius))
            .Add("cell_types", cellTypes)
            .Add("gid_ranges", gidRanges)
            .Add("pos_dict", Positions(net))
            .Add("cell_response", new PyObject())
            .Add("external_drives", drives)
            .Add("external_biases", biases)
            .Add("connectivity", new PyList([.. net.Connections.Select(Connection)]))
            .Add("rec_arrays", new PyObject())
            .Add("threshold", PyJson.Float(net.Threshold))
            .Add("delay", PyJson.Float(net.Delay));
    }

    /// <summary>pos_dict: HNN-core's layout order for the default cell types, then the origin and every drive cell at it.</summary>
    private static PyObject Positions(NetworkSpec net)
    {
        var names = net.CellTypeNames.ToArray();
        var order = names.Order().SequenceEqual(DefaultPositionOrder.Order()) ? DefaultPositionOrder : names;
        var pos = new PyObject();
        foreach (var name in order)
        {
            var population = net.CellTypes.First(c => c.Name == name);
            // The L5 pyramids sit at HNN-core's integer z = 0.
            var intZero = name == CellTemplates.L5Pyramidal;
            pos.Add(name, new PyList([.. population.Positions.Select(p => Point(p, intZero))]));
        }
        pos.Add("origin", Point(net.Origin, false));
        foreach (var d in net.Drives)
            pos.Add(d.Name, new PyList([.. Enumerable.Range(0, d.NDriveCells).Select(_ => Point(net.Origin, false))]));
        return pos;
    }

    private static PyList Point(Position p, bool intZeroZ) =>
        new([PyJson.Float(p.X), PyJson.Float(p.Y), intZeroZ && p.Z == 0 ? PyJson.Int(0) : PyJson.Float(p.Z)]);

    private static PyObject Drive(NetworkSpec net, Drive d)
    {
        var o = new PyObject().Add("type", PyJson.Str(d.Type)).Add("location", PyJson.Str(d.Location));
        if (d is SpikeTrainDrive replay)
        {
            var times = new List<double>();
            var gids = new List<int>();
            for (var i = 0; i < replay.Sources.Count; i++)
                foreach (var t in replay.Sources[i].Times)
                {
                    times.Add(t);
                    gids.Add(i);
                }
            var map = new PyObject();
            foreach (var (id, i) in replay.SourceToGidMap) map.Add(id, PyJson.Int(i));
            o.Add("events", new PyList([]))
                .Add("dynamics", new PyObject().Add("times", PyJson.Floats(times)).Add("gids", PyJson.Ints(gids)))
                .Add("n_drive_cells", PyJson.Int(d.NDriveCells))
                .Add("source_to_gid_map", map)
                .Add("conn_seed", Seed(d.ConnSeed))
                .Add("event_seed", PyJson.Int(d.EventSeed));
        }
        else
        {
            o.Add("n_drive_cells", PyJson.Int(d.NDriveCells))
                .Add("event_seed", PyJson.Int(d.EventSeed))
                .Add("conn_seed", Seed(d.ConnSeed))
                .Add("dynamics", Dynamics(d))
                .Add("events", new PyList([]));
        }
        var ampa = d.Targets.Where(t => t.WeightAmpa is not null).ToArray();
        var nmda = d.Targets.Where(t => t.WeightNmda is not null).ToArray();
        o.Add("weights_ampa", ampa.Length == 0 ? PyJson.Null : PerType(ampa.Select(t => (t.CellType, t.WeightAmpa!.Value))))
            .Add("weights_nmda", nmda.Length == 0 ? PyJson.Null : PerType(nmda.Select(t => (t.CellType, t.WeightNmda!.Value))))
            // Drives keep per-type values only: delays as HNN-core's default models pass them (a dict),
            // a probability common to all targets as one number.
            .Add("synaptic_delays", d.Targets.Count == 0 ? PyJson.Float(0.1) : PerType(d.Targets.Select(t => (t.CellType, t.Delay))))
            .Add("probability", d.Targets.Select(t => t.Probability).Distinct().Count() <= 1
                ? PyJson.Float(d.Targets.Count > 0 ? d.Targets[0].Probability : 1.0)
                : PerType(d.Targets.Select(t => (t.CellType, t.Probability))))
            .Add("name", PyJson.Str(d.Name))
            .Add("target_types", PyJson.Strs(d.TargetTypes))
            .Add("cell_specific", PyJson.Bool(d.CellSpecific));
        return o;
    }

    private static PyJson Seed(long? seed) => seed is { } s ? PyJson.Int(s) : PyJson.Null;

    private static PyObject PerType(IEnumerable<(string Type, double Value)> values)
    {
        var o = new PyObject();
        foreach (var (t, v) in values) o.Add(t, PyJson.Float(v));
        return o;
    }

    private static PyObject Dynamics(Drive d) => d switch
    {
        EvokedDrive e => new PyObject().Add("mu", PyJson.Float(e.Mu)).Add("sigma", PyJson.Float(e.Sigma)).Add("numspikes", PyJson.Int(e.NumSpikes)),
        PoissonDrive p => new PyObject()
            .Add("tstart", PyJson.Float(p.TStart))
            .Add("tstop", p.TStop is { } t ? PyJson.Float(t) : PyJson.Null)
            .Add("rate_constant", p.RateConstants is { } rates ? PerType(rates.Select(kv => (kv.Key, kv.Value))) : PyJson.Float(p.RateConstant!.Value)),
        BurstyDrive b => new PyObject()
            .Add("tstart", PyJson.Float(b.TStart))
            .Add("tstart_std", PyJson.Float(b.TStartStd))
            .Add("tstop", b.TStop is { } t ? PyJson.Float(t) : PyJson.Null)
            .Add("burst_rate", PyJson.Float(b.BurstRate))
            .Add("burst_std", PyJson.Float(b.BurstStd))
            .Add("numspikes", PyJson.Int(b.NumSpikes))
            .Add("spike_isi", PyJson.Float(b.SpikeIsi)),
        _ => throw new ArgumentException($"drive '{d.Name}' of type '{d.Type}' cannot be written", nameof(d)),
    };

    private static PyObject Connection(Connection c) => new PyObject()
        .Add("target_type", PyJson.Str(c.TargetType))
        .Add("target_gids", PyJson.Ints(PythonSetOrder.Of(c.TargetGids)))
        .Add("num_targets", PyJson.Int(c.TargetGids.Count))
        .Add("src_type", PyJson.Str(c.SourceType))
        .Add("src_gids", PyJson.Ints(PythonSetOrder.Of(c.SourceGids)))
        .Add("num_srcs", PyJson.Int(c.SourceGids.Count))
        .Add("gid_pairs", Pairs(c))
        .Add("loc", PyJson.Str(c.Location))
        .Add("receptor", PyJson.Str(c.Receptor))
        .Add("nc_dict", new PyObject()
            .Add("A_delay", PyJson.Float(c.Delay))
            .Add("A_weight", PyJson.Float(c.Weight))
            .Add("lamtha", PyJson.Float(c.Lamtha))
            .Add("threshold", PyJson.Float(c.Threshold))
            .Add("gain", PyJson.Float(c.Gain)))
        .Add("allow_autapses", PyJson.Int(c.AllowAutapses ? 1 : 0))
        .Add("probability", PyJson.Float(c.Probability));

    private static PyObject Pairs(Connection c)
    {
        var o = new PyObject();
        foreach (var p in c.Pairs) o.Add(p.Source.ToString(System.Globalization.CultureInfo.InvariantCulture), PyJson.Ints(p.Targets));
        return o;
    }
}
