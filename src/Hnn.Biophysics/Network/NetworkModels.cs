namespace Hnn.Biophysics.Network;

/// <summary>
/// HNN-core's prebuilt models by name (docs/dev/network.md §1, §9): what a model changes in the cells, and
/// the cell-to-cell connections it adds after the bare network (and any drives from a params file).
/// </summary>
public static class NetworkModels
{
    public const string Jones2009Name = "jones_2009_model", Neymotin2020Name = "neymotin_2020_model",
        Law2021Name = "law_2021_model", CalciumName = "calcium_model";

    /// <summary>Every prebuilt model; <c>jones_2009_model</c> is HNN-core's deprecated alias of <c>neymotin_2020_model</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [Jones2009Name, Neymotin2020Name, Law2021Name, CalciumName];

    /// <summary>
    /// The model <paramref name="model"/> (one of <see cref="Names"/>); <paramref name="weights"/> maps each key
    /// of <see cref="Jones2009.DefaultWeights"/> to a weight in µS, null meaning default.json's.
    /// </summary>
    public static NetworkSpec Create(string model, MeshShape? meshShape = null, bool legacyMode = false, IReadOnlyDictionary<string, double>? weights = null) =>
        AddConnections(model, WithCells(model, NetworkSpec.Bare(meshShape, legacyMode)), weights ?? Jones2009.DefaultWeights);

    /// <summary>The model's cells in place of the default ones (before drives are added, as HNN-core builds them).</summary>
    internal static NetworkSpec WithCells(string model, NetworkSpec net) => Check(model) switch
    {
        Law2021Name => Law2021.WithCells(net),
        CalciumName => CalciumModel.WithCells(net),
        _ => net,
    };

    /// <summary>Appends the model's cell-to-cell connections with <paramref name="weights"/>.</summary>
    internal static NetworkSpec AddConnections(string model, NetworkSpec net, IReadOnlyDictionary<string, double> weights) =>
        Jones2009.AddCellConnections(net, Check(model) == Law2021Name ? Law2021.Rules : Jones2009.Rules, weights);

    private static string Check(string model) =>
        Names.Contains(model) ? model : throw Invalid.Argument("model", model, "not a prebuilt model", Invalid.List(Names));
}
