namespace Hnn.Biophysics.Morphology;

/// <summary>
/// Channel densities of one section (docs/dev/cells.md §4.3, §5.3, §6). hh2 is in every section;
/// the other mechanisms are present when their density is given.
/// </summary>
/// <param name="GnaBar">hh2 gnabar (S/cm²).</param>
/// <param name="GkBar">hh2 gkbar (S/cm²).</param>
/// <param name="Gl">hh2 leak gl (S/cm²).</param>
/// <param name="El">hh2 leak reversal (mV).</param>
/// <param name="KmGbar">km gbar (pS/µm²), or null if absent.</param>
/// <param name="CaGbar">ca gbar (pS/µm²); L5 pyramid only.</param>
/// <param name="CadTaur">cad taur (ms); L5 pyramid only.</param>
/// <param name="KcaGbar">kca gbar (pS/µm²); L5 pyramid only.</param>
/// <param name="CatGbar">cat gbar (S/cm²); L5 pyramid only.</param>
/// <param name="Ar">ar gbar as a function of path distance; L5 pyramid only.</param>
public sealed record MembraneSpec(
    double GnaBar,
    double GkBar,
    double Gl,
    double El,
    double? KmGbar = null,
    double? CaGbar = null,
    double? CadTaur = null,
    double? KcaGbar = null,
    double? CatGbar = null,
    ArDensityRule? Ar = null)
{
    /// <summary>True when the section has the calcium machinery (ca ion, cad).</summary>
    public bool HasCalcium => CaGbar.HasValue || CadTaur.HasValue || KcaGbar.HasValue;
}

/// <summary>
/// gbar_ar(d) = GbarAtZero · exp(ExpTerm · d), d = path distance (µm) from the soma's 0 end
/// to the segment centre (docs/dev/cells.md §5.4). ExpTerm = 0 gives a uniform density.
/// </summary>
public sealed record ArDensityRule(double GbarAtZero, double ExpTerm)
{
    public double At(double distance) => GbarAtZero * Math.Exp(ExpTerm * distance);
}
