using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// A network read from a configuration file as an experiment (docs/dev/io.md §5.5): a plain
/// experiment — model, mesh, extra connections, drives, biases — when that rebuilds exactly the stored
/// network (built-in cells at the default positions, the same gid ranges and every stored connection),
/// otherwise an experiment whose network is the file itself.
/// </summary>
public static class ExperimentConversion
{
    /// <param name="fileReference">What the fallback's "network.file" says (the file relative to the experiment's folder).</param>
    public static (ExperimentSpec Spec, bool Plain, string Why) ToExperiment(NetworkConfig config, string fileReference,
        double tstop, double dt, int nTrials)
    {
        var net = config.Network;
        var why = PlainProblem(config);
        if (why is null)
        {
            var drives = net.Drives.Select(DriveEntryOf).ToArray();
            var biases = net.TonicBiases.Select(b => new TonicBiasEntry(b.Name, [new(b.CellType, b.Amplitude)], b.T0, b.TStop, b.Section)).ToArray();
            foreach (var model in new[] { "jones_2009_model", "network" })
            {
                var section = new NetworkSection(model, net.MeshShape.X, net.MeshShape.Y, net.LegacyMode, null, null, []);
                var modelConnections = ExperimentBuilder.BuildNetwork(new ExperimentSpec(section, tstop, dt, nTrials, [], [])).Connections.Count;
                if (ExtraConnections(net, modelConnections) is not { } extras)
                {
                    why = $"its connections are not the {model} connections, then extra ones, then the drives'";
                    continue;
                }
                var spec = new ExperimentSpec(section with { Connections = extras }, tstop, dt, nTrials, drives, biases);
                NetworkSpec rebuilt;
                try
                {
                    rebuilt = ExperimentBuilder.BuildNetwork(spec);
                }
                catch (FormatException e)
                {
                    why = $"its drives cannot be written as experiment drives ({e.Message})";
                    break;
                }
                why = Difference(net, rebuilt);
                if (why is null) return (spec, true, "");
            }
        }
        var reference = new ExperimentSpec(new NetworkSection("network", 10, 10, false, null, null, [], File: fileReference), tstop, dt, nTrials, [], []);
        return (reference, false, why!);
    }

    /// <summary>
    /// The stored cell-to-cell connections after the model's first <paramref name="modelCount"/>, as
    /// add_connection calls with their exact pairs; null when they are not all before the drives' or one
    /// was pruned (its seed is not stored, so the pruning cannot be asked for again).
    /// </summary>
    private static IReadOnlyList<ConnectionEntry>? ExtraConnections(NetworkSpec net, int modelCount)
    {
        var drives = net.Drives.Select(d => d.Name).ToHashSet();
        var firstDrive = net.Connections.Select((c, i) => (c, i)).FirstOrDefault(x => drives.Contains(x.c.SourceType), (null!, net.Connections.Count)).Item2;
        if (firstDrive < modelCount || net.Connections.Skip(firstDrive).Any(c => !drives.Contains(c.SourceType))) return null;
        var extras = new List<ConnectionEntry>();
        foreach (var c in net.Connections.Take(firstDrive).Skip(modelCount))
        {
            if (c.Probability != 1.0 || c.Pairs.Count == 0) return null;
            var (src, target) = AllToAll(net, c)
                ? (new GidsEntry(c.SourceType, null, null, null, false), new GidsEntry(c.TargetType, null, null, null, false))
                : (new GidsEntry(null, null, c.Pairs.Select(p => p.Source).ToArray(), null, false),
                   new GidsEntry(null, null, null, c.Pairs.Select(p => p.Targets).ToArray(), false));
            extras.Add(new ConnectionEntry(src, target,
                c.Location, c.Receptor, c.Weight, c.Delay, c.Lamtha, c.Threshold, c.Gain, c.AllowAutapses, 1.0, null));
        }
        return extras;
    }

    /// <summary>Every source of its type to every cell of the target type (autapses left out when not allowed): add_connection by names.</summary>
    private static bool AllToAll(NetworkSpec net, Connection c)
    {
        var sources = net.RangeOf(c.SourceType).Gids.ToArray();
        var targets = net.RangeOf(c.TargetType).Gids.ToArray();
        return c.Pairs.Select(p => p.Source).SequenceEqual(sources)
            && c.Pairs.All(p => p.Targets.SequenceEqual(c.AllowAutapses ? targets : targets.Where(t => t != p.Source)));
    }

    private static string? PlainProblem(NetworkConfig config)
    {
        var net = config.Network;
        if (!config.HasBuiltInCells) return "its cells differ from the built-in templates";
        if (!net.CellTypeNames.SequenceEqual(CellTemplates.Names)) return "its cell types are not the four default ones";
        var defaults = NetworkSpec.Bare(net.MeshShape, net.LegacyMode);
        if (!net.CellTypes.Zip(defaults.CellTypes).All(p => p.First.Positions.SequenceEqual(p.Second.Positions)) || net.Origin != defaults.Origin)
            return "its cell positions are not the default layout";
        if (net.Threshold != defaults.Threshold || net.Delay != defaults.Delay || net.Celsius != defaults.Celsius)
            return "its threshold, delay or celsius differ from the defaults";
        return null;
    }

    private static string? Difference(NetworkSpec stored, NetworkSpec rebuilt)
    {
        if (!stored.GidRanges.SequenceEqual(rebuilt.GidRanges)) return "its gid ranges differ from the model's";
        if (stored.Connections.Count != rebuilt.Connections.Count)
            return $"it stores {stored.Connections.Count} connections, the model and drives make {rebuilt.Connections.Count}";
        for (var i = 0; i < stored.Connections.Count; i++)
        {
            Connection a = stored.Connections[i], b = rebuilt.Connections[i];
            if ((a.SourceType, a.TargetType, a.Location, a.Receptor, a.Weight, a.Delay, a.Lamtha, a.Threshold, a.Gain, a.AllowAutapses, a.Probability)
                != (b.SourceType, b.TargetType, b.Location, b.Receptor, b.Weight, b.Delay, b.Lamtha, b.Threshold, b.Gain, b.AllowAutapses, b.Probability)
                || !a.Pairs.Select(p => p.Source).SequenceEqual(b.Pairs.Select(p => p.Source))
                || !a.Pairs.Zip(b.Pairs).All(p => p.First.Targets.SequenceEqual(p.Second.Targets)))
                return $"connection {i} ({a.SourceType} → {a.TargetType}, {a.Receptor}) is not the one the model and drives make";
        }
        return null;
    }

    private static DriveEntry DriveEntryOf(Drive d)
    {
        IReadOnlyList<KeyValuePair<string, double>>? Weights(Func<DriveTarget, double?> f)
        {
            var list = d.Targets.Where(t => f(t) is not null).Select(t => new KeyValuePair<string, double>(t.CellType, f(t)!.Value)).ToArray();
            return list.Length == 0 ? null : list;
        }
        var ampa = Weights(t => t.WeightAmpa);
        var nmda = Weights(t => t.WeightNmda);
        var delays = PerCellType.Of(d.Targets.ToDictionary(t => t.CellType, t => t.Delay));
        var probability = d.Targets.Select(t => t.Probability).Distinct().Count() <= 1
            ? PerCellType.Of(d.Targets.Count > 0 ? d.Targets[0].Probability : 1.0)
            : PerCellType.Of(d.Targets.ToDictionary(t => t.CellType, t => t.Probability));
        int? cells = d.CellSpecific ? null : d.NDriveCells;
        return d switch
        {
            EvokedDrive e => new EvokedDriveEntry(d.Name, e.Mu, e.Sigma, e.NumSpikes, d.Location, cells, d.CellSpecific, ampa, nmda,
                d.SpaceConstant, delays, probability, d.EventSeed, d.ConnSeed),
            PoissonDrive p => new PoissonDriveEntry(d.Name, p.TStart, p.TStop,
                p.RateConstants is { } r ? PerCellType.Of(r) : PerCellType.Of(p.RateConstant!.Value), d.Location, cells, d.CellSpecific,
                ampa, nmda, d.SpaceConstant, delays, probability, d.EventSeed, d.ConnSeed),
            BurstyDrive b => new BurstyDriveEntry(d.Name, b.TStart, b.TStartStd, b.TStop, d.Location, b.BurstRate, b.BurstStd,
                b.NumSpikes, b.SpikeIsi, cells, d.CellSpecific, ampa, nmda, delays, d.SpaceConstant, probability, d.EventSeed, d.ConnSeed),
            SpikeTrainDrive s => new SpikeTrainDriveEntry(d.Name,
                new SpikeDataEntry(null, s.Sources.Select(x => new KeyValuePair<string, IReadOnlyList<double>>(x.Id, x.Times)).ToArray(), null),
                d.Location, ampa, nmda, delays, d.SpaceConstant, probability, d.ConnSeed, []),
            _ => throw new ArgumentException($"drive '{d.Name}' of type '{d.Type}' cannot be converted", nameof(d)),
        };
    }
}
