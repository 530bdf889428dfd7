using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// A network read from a configuration file as an experiment (docs/network-config-file.md "Convert"):
/// a plain experiment — model, mesh, drives, biases — when that rebuilds exactly the stored network
/// (built-in cells at the default positions, the same gid ranges and every stored connection),
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
                var spec = new ExperimentSpec(new NetworkSection(model, net.MeshShape.X, net.MeshShape.Y, net.LegacyMode, null, null, []),
                    tstop, dt, nTrials, drives, biases);
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
        var reference = new ExperimentSpec(new NetworkSection("network", 10, 10, false, null, null, [], fileReference), tstop, dt, nTrials, [], []);
        return (reference, false, why!);
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
