namespace Hnn.Biophysics.Morphology;

/// <summary>
/// One Exp2Syn receptor at x = 0.5 of a section (docs/dev/cells.md §3.6): reversal e (mV) and
/// rise/decay time constants (ms). HNN-core names it "{section}_{receptor}".
/// </summary>
public sealed record SynapseSpec(string Section, string Receptor, double Reversal, double Tau1, double Tau2)
{
    public string Name => $"{Section}_{Receptor}";
}

/// <summary>The receptor names HNN-core uses.</summary>
public static class Receptors
{
    public const string Ampa = "ampa";
    public const string Nmda = "nmda";
    public const string Gabaa = "gabaa";
    public const string Gabab = "gabab";
    public static readonly IReadOnlyList<string> All = [Ampa, Nmda, Gabaa, Gabab];
}
