namespace Hnn.Biophysics.Mechanisms;

/// <summary>
/// The density mechanisms a cell may use and the parameters HNN-core sets on them, with the mod
/// files' defaults for parameters a description leaves out (docs/dev/cells.md §3.8). Other
/// mod-file quantities are fixed constants of the solver.
/// </summary>
internal static class MechanismCatalog
{
    public sealed record ParameterInfo(string Name, double Default, string Unit, bool MayBeNegative = false);

    /// <summary>Mechanism → its settable parameters, in HNN-core's order of mechanisms.</summary>
    public static readonly IReadOnlyDictionary<string, ParameterInfo[]> Parameters = new Dictionary<string, ParameterInfo[]>
    {
        ["hh2"] =
        [
            new("gkbar_hh2", 0.036, "S/cm²"), new("gnabar_hh2", 0.12, "S/cm²"),
            new("gl_hh2", 0.0003, "S/cm²"), new("el_hh2", -54.3, "mV", MayBeNegative: true),
        ],
        ["ca"] = [new("gbar_ca", 0.1, "pS/µm²")],
        ["cad"] = [new("taur_cad", 200.0, "ms")],
        ["kca"] = [new("gbar_kca", 10.0, "pS/µm²")],
        ["km"] = [new("gbar_km", 10.0, "pS/µm²")],
        ["cat"] = [new("gbar_cat", 0.0, "S/cm²")],
        ["ar"] = [new("gbar_ar", 0.0, "S/cm²")],
    };

    /// <summary>Mechanisms that use the calcium concentration cad keeps (docs/dev/mechanisms.md §2).</summary>
    public static readonly IReadOnlySet<string> UseCalcium = new HashSet<string> { "ca", "kca", "cat" };

    public static string AllowedMechanisms => string.Join(", ", Parameters.Keys);

    public static ParameterInfo? Find(string mechanism, string parameter) =>
        Parameters.TryGetValue(mechanism, out var ps) ? ps.FirstOrDefault(p => p.Name == parameter) : null;
}
