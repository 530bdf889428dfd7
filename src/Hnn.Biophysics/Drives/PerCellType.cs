namespace Hnn.Biophysics.Drives;

/// <summary>
/// A drive argument HNN-core accepts either as one common number or as a dict per target cell
/// type: <c>synaptic_delays</c>, <c>probability</c>, <c>rate_constant</c> (docs/dev/drives.md §4.1, §4.4).
/// </summary>
public sealed record PerCellType
{
    private PerCellType(double? common, IReadOnlyDictionary<string, double>? byType)
    {
        Common = common;
        ByType = byType;
    }

    /// <summary>The common value, or null when given per type.</summary>
    public double? Common { get; }

    /// <summary>The per-type values (in the order given), or null when common.</summary>
    public IReadOnlyDictionary<string, double>? ByType { get; }

    public static PerCellType Of(double value) => new(value, null);

    public static PerCellType Of(IReadOnlyDictionary<string, double> byType) =>
        new(null, new Dictionary<string, double>(byType));

    public static implicit operator PerCellType(double value) => Of(value);
    public static implicit operator PerCellType(Dictionary<string, double> byType) => Of(byType);

    public override string ToString() =>
        Common is { } c ? Network.Invalid.Show(c)
        : "{" + string.Join(", ", ByType!.Select(kv => $"'{kv.Key}': {Network.Invalid.Show(kv.Value)}")) + "}";
}
