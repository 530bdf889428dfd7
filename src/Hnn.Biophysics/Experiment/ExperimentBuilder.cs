using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.ParamsFiles;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Turns an <see cref="ExperimentSpec"/> into a <see cref="NetworkSpec"/> by calling the same
/// methods a C# user would, in file order: model, cell positions, extra connections, drives,
/// biases. An argument error is reported with the JSON path of the entry that caused it.
/// </summary>
public static class ExperimentBuilder
{
    /// <param name="baseDirectory">Where relative spike-file globs and network.file are resolved (the experiment file's folder).</param>
    /// <param name="note">Receives what a network configuration file holds but does not run (docs/network-config-file.md).</param>
    public static NetworkSpec BuildNetwork(ExperimentSpec spec, string? baseDirectory = null, Action<string>? note = null) =>
        BuildNetwork(spec, baseDirectory, note, "$.network", "$");

    /// <param name="networkPath">The JSON path of the network object ("$.network"; "$.networks.A" in a coupled file).</param>
    /// <param name="root">The JSON path that holds drives and tonic_biases ("$"; the network entry in a coupled file).</param>
    internal static NetworkSpec BuildNetwork(ExperimentSpec spec, string? baseDirectory, Action<string>? note, string networkPath, string root)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var n = spec.Network;
        var net = At(networkPath, () =>
        {
            if (n.File is { } file)
            {
                return NetworkConfigFile(Resolve(file, baseDirectory), note, networkPath);
            }
            var mesh = new MeshShape(n.MeshX, n.MeshY);
            var built = n.Params is not null ? FromParams(n, mesh, baseDirectory, networkPath)
                : n.Model == "network" ? NetworkSpec.Bare(mesh, n.LegacyMode) : NetworkModels.Create(n.Model, mesh, n.LegacyMode);
            return n.InplaneDistance is null && n.LayerSeparation is null
                ? built
                : built.WithCellPositions(n.InplaneDistance, n.LayerSeparation);
        });
        for (var i = 0; i < n.Connections.Count; i++)
        {
            var c = n.Connections[i];
            var current = net;
            net = At($"{networkPath}.connections[{i}]", () => current.AddConnection(Gids(c.SrcGids), Gids(c.TargetGids), c.Loc, c.Receptor,
                c.Weight, c.Delay, c.Lamtha, c.Threshold, c.Gain, c.AllowAutapses, c.Probability, c.ConnSeed));
        }
        for (var i = 0; i < spec.Drives.Count; i++)
        {
            var d = spec.Drives[i];
            var current = net;
            net = At($"{root}.drives[{i}] ('{d.Name}')", () => AddDrive(current, d, baseDirectory));
        }
        for (var i = 0; i < spec.TonicBiases.Count; i++)
        {
            var b = spec.TonicBiases[i];
            var current = net;
            net = At($"{root}.tonic_biases[{i}]", () => current.AddTonicBias(
                b.Amplitude.ToDictionary(kv => kv.Key, kv => kv.Value), b.T0, b.TStop, b.Section, b.BiasName));
        }
        foreach (var array in spec.ElectrodeArrays ?? [])
        {
            var current = net;
            net = At($"{root}.electrode_arrays.{array.Name}", () => current.AddElectrodeArray(array));
        }
        return net;
    }

    // A network configuration file's errors name that file and its JSON path, under $.network.file.
    private static NetworkSpec NetworkConfigFile(string path, Action<string>? note, string networkPath)
    {
        try
        {
            var config = NetworkConfig.NetworkConfigFile.Read(path);
            foreach (var n in config.Notes) note?.Invoke($"{path}: {n}");
            return config.Network;
        }
        catch (NetworkConfig.NetworkConfigFileException e)
        {
            throw new ExperimentFileException($"{networkPath}.file", e.Message, e);
        }
    }

    /// <summary>The model from its params file: HNN-core's neymotin_2020_model(params, …) (or another prebuilt model), or Network(params, …) for "network".</summary>
    private static NetworkSpec FromParams(NetworkSection n, MeshShape mesh, string? baseDirectory, string networkPath)
    {
        var p = ReadParams(n, baseDirectory, networkPath);
        try
        {
            return n.Model == "network"
                ? ParamsNetwork.Bare(p, mesh, n.AddDrivesFromParams, n.LegacyMode)
                : ParamsNetwork.Create(p, mesh, n.AddDrivesFromParams, n.LegacyMode, n.Model);
        }
        catch (ParamsFileException e)
        {
            throw new ExperimentFileException($"{networkPath}.params", e.Message, e);
        }
    }

    /// <summary>Reads the "params" file of <paramref name="n"/>, relative to <paramref name="baseDirectory"/> (else the current folder).</summary>
    internal static HnnParams ReadParams(NetworkSection n, string? baseDirectory, string networkPath = "$.network")
    {
        var file = n.Params ?? throw new ArgumentException("the network names no params file", nameof(n));
        try
        {
            return HnnParams.ReadFile(Resolve(file, baseDirectory));
        }
        catch (ParamsFileException e)
        {
            throw new ExperimentFileException($"{networkPath}.params", e.Message, e);
        }
    }

    private static NetworkSpec AddDrive(NetworkSpec net, DriveEntry d, string? baseDirectory)
    {
        var ampa = ExperimentReader.Dict(d.WeightsAmpa);
        var nmda = ExperimentReader.Dict(d.WeightsNmda);
        return d switch
        {
            EvokedDriveEntry e => net.AddEvokedDrive(e.Name, e.Mu, e.Sigma, e.NumSpikes, e.Location, e.NDriveCells, e.CellSpecific,
                ampa, nmda, e.SpaceConstant, e.SynapticDelays, e.Probability, e.EventSeed, e.ConnSeed),
            PoissonDriveEntry p => net.AddPoissonDrive(p.Name, p.RateConstant, p.Location, p.TStart, p.TStop, p.NDriveCells,
                p.CellSpecific, ampa, nmda, p.SpaceConstant, p.SynapticDelays, p.Probability, p.EventSeed, p.ConnSeed),
            BurstyDriveEntry b => net.AddBurstyDrive(b.Name, b.BurstRate, b.Location, b.TStart, b.TStartStd, b.TStop, b.BurstStd,
                b.NumSpikes, b.SpikeIsi, b.NDriveCells, b.CellSpecific, ampa, nmda, b.SynapticDelays, b.SpaceConstant,
                b.Probability, b.EventSeed, b.ConnSeed),
            SpikeTrainDriveEntry s => net.AddSpikeTrainDrive(s.Name, SpikeDataOf(s.SpikeData, baseDirectory), s.Location,
                ampa, nmda, s.SynapticDelays, s.SpaceConstant, s.Probability, s.ConnSeed, s.TargetConfig),
            _ => throw new ArgumentException($"drive type '{d.Type}' is not supported", nameof(d)),
        };
    }

    private static SpikeData SpikeDataOf(SpikeDataEntry s, string? baseDirectory)
    {
        if (s.Files is not null)
            return SpikeData.FromFiles(Resolve(s.Files, baseDirectory),
                s.SpikeTypes, s.SourcePrefix);
        if (s.Sources is not null)
            return SpikeData.FromSources(s.Sources.Select(kv => new KeyValuePair<string, IEnumerable<double>>(kv.Key, kv.Value)));
        return SpikeData.FromEvents(s.Events!);
    }

    private static Gids Gids(GidsEntry g) =>
        g.Name is not null ? Network.Gids.Of(g.Name)
        : g.Names is not null ? Network.Gids.OfNames(g.Names.ToArray())
        : g.List is not null ? Network.Gids.Of(g.List.ToArray())
        : Network.Gids.PerSource(g.Nested!);

    // A path the experiment names, relative to its file's folder (when known).
    internal static string Resolve(string file, string? baseDirectory) =>
        baseDirectory is null || Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);

    internal static T At<T>(string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw new ExperimentFileException(path, UserMessage.Of(e), e);
        }
    }
}
