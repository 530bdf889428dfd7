namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// The mechanisms and parameters a configuration file may set (docs/dev/io.md §5.2): those of the
/// default cells (docs/dev/mechanisms.md), with HNN-core's suffixed names.
/// </summary>
internal static class KnownMechanisms
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters = new Dictionary<string, IReadOnlyList<string>>
    {
        ["hh2"] = ["gkbar_hh2", "gnabar_hh2", "gl_hh2", "el_hh2"],
        ["km"] = ["gbar_km"],
        ["ca"] = ["gbar_ca"],
        ["cad"] = ["taur_cad"],
        ["kca"] = ["gbar_kca"],
        ["cat"] = ["gbar_cat"],
        ["ar"] = ["gbar_ar"],
    };
}
