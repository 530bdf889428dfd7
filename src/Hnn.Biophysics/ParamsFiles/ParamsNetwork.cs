using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.ParamsFiles;

/// <summary>
/// The default column built from an HNN GUI parameter set (docs/dev/params.md §6): HNN-core's
/// <c>neymotin_2020_model(params, add_drives_from_params, legacy_mode, mesh_shape)</c> and the bare
/// <c>Network(params, …)</c>. The params give the 15 cell-to-cell weights (<c>gbar_*</c>), the spike
/// threshold and the temperature; the mesh comes from the caller (HNN-core ignores
/// <c>N_pyr_x</c>/<c>N_pyr_y</c>), and so do the simulation settings.
/// </summary>
public static class ParamsNetwork
{
    /// <summary>
    /// <c>neymotin_2020_model(params, …)</c> (or <paramref name="model"/>, another of
    /// <see cref="NetworkModels.Names"/>): the model's cells, drives from the params (when asked), then the
    /// model's cell-to-cell connections with the params' weights — HNN-core's connection order.
    /// </summary>
    public static NetworkSpec Create(HnnParams p, MeshShape mesh, bool addDrivesFromParams, bool legacyMode,
        string model = NetworkModels.Neymotin2020Name)
    {
        ArgumentNullException.ThrowIfNull(p);
        CheckSupported(p);
        var net = NetworkModels.WithCells(model, NetworkSpec.Bare(mesh, legacyMode));
        if (addDrivesFromParams) net = ParamsDrives.Add(net, p);
        var weights = Jones2009.DefaultWeights.Keys.ToDictionary(k => k, p.Number);
        try
        {
            return NetworkModels.AddConnections(model, net, weights);
        }
        catch (ArgumentException e) when (e.ParamName is { } key && key.StartsWith("gbar_", StringComparison.Ordinal))
        {
            throw new ParamsFileException(p.SourceName, $"key '{key}'", Experiment.UserMessage.Of(e.InnerException ?? e), e);
        }
    }

    /// <summary><c>Network(params, add_drives_from_params, legacy_mode, mesh_shape)</c>: the four cell types, no cell-to-cell connections.</summary>
    public static NetworkSpec Bare(HnnParams p, MeshShape mesh, bool addDrivesFromParams, bool legacyMode)
    {
        ArgumentNullException.ThrowIfNull(p);
        CheckSupported(p);
        var net = NetworkSpec.Bare(mesh, legacyMode);
        return addDrivesFromParams ? ParamsDrives.Add(net, p) : net;
    }

    // The solver detects spikes at 0 mV and its rate tables are built for 37 °C (docs/dev/numerics.md).
    private static void CheckSupported(HnnParams p)
    {
        var threshold = p.Number("threshold");
        if (threshold != Cells.SpikeDetector.Threshold)
            throw new ParamsFileException(p.SourceName, "key 'threshold'",
                $"{p["threshold"]} mV is not supported: the solver detects spikes at {HnnParams.Show(Cells.SpikeDetector.Threshold)} mV; allowed: {HnnParams.Show(Cells.SpikeDetector.Threshold)}");
        var celsius = p.Number("celsius");
        if (celsius != Mechanisms.Units.Celsius)
            throw new ParamsFileException(p.SourceName, "key 'celsius'",
                $"{p["celsius"]} °C is not supported: the mechanisms are built for {HnnParams.Show(Mechanisms.Units.Celsius)} °C; allowed: {HnnParams.Show(Mechanisms.Units.Celsius)}");
    }
}
