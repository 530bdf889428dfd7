using Hnn.Biophysics.Coupling;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Turns a <see cref="CoupledExperimentSpec"/> into a <see cref="MultiNetworkSpec"/>: each network as
/// <see cref="ExperimentBuilder"/> builds a single experiment's (its errors under $.networks.NAME), then
/// the projections in file order (errors under $.projections[i]).
/// </summary>
public static class CoupledExperimentBuilder
{
    // A projection argument error names its JSON key when the library names the argument.
    private static readonly string[] ProjectionKeys =
        ["name", "from", "source_types", "to", "location", "weights_ampa", "weights_nmda", "synaptic_delays", "space_constant", "probability", "conn_seed", "target_config"];

    /// <param name="baseDirectory">Where relative spike-file globs, params and network files are resolved (the experiment file's folder).</param>
    public static MultiNetworkSpec Build(CoupledExperimentSpec spec, string? baseDirectory = null, Action<string>? note = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var multi = new MultiNetworkSpec();
        foreach (var entry in spec.Networks)
        {
            var path = $"$.networks.{entry.Name}";
            var net = ExperimentBuilder.BuildNetwork(spec.Experiment(entry), baseDirectory, note, path, path);
            var current = multi;
            multi = ExperimentBuilder.At(path, () => current.AddNetwork(entry.Name, net));
        }
        for (var i = 0; i < spec.Projections.Count; i++)
        {
            var p = spec.Projections[i];
            var current = multi;
            try
            {
                multi = current.AddProjection(p.Name, p.From, p.SourceTypes, p.To, p.Location,
                    ExperimentReader.Dict(p.WeightsAmpa), ExperimentReader.Dict(p.WeightsNmda), p.SynapticDelays, p.SpaceConstant,
                    p.Probability, p.ConnSeed, p.TargetConfig);
            }
            catch (ArgumentException e)
            {
                var path = e.ParamName is { } key && ProjectionKeys.Contains(key) ? $"$.projections[{i}].{key}" : $"$.projections[{i}] ('{p.Name}')";
                throw new ExperimentFileException(path, UserMessage.Of(e), e);
            }
        }
        return multi;
    }
}
