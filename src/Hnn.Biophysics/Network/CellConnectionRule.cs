namespace Hnn.Biophysics.Network;

/// <summary>
/// One cell-to-cell <c>add_connection</c> of a prebuilt model (docs/dev/network.md §5, §9): every cell of
/// the source type to every cell of the target type. The weight is the params value under
/// <see cref="WeightKey"/>, unless the model fixes it (<see cref="FixedWeight"/>, as law_2021_model does).
/// </summary>
internal sealed record CellConnectionRule(
    string Source, string Target, string Location, string Receptor, string WeightKey, double Lamtha, bool AllowAutapses,
    double? FixedWeight = null)
{
    public double WeightFrom(IReadOnlyDictionary<string, double> weights) => FixedWeight ?? weights[WeightKey];
}
