namespace Hnn.Biophysics.Drives;

/// <summary>
/// An evoked drive (add_evoked_drive): each drive cell fires <see cref="NumSpikes"/> times per
/// trial, drawn from a Gaussian of mean <see cref="Mu"/> and SD <see cref="Sigma"/> ms.
/// </summary>
public sealed record EvokedDrive : Drive
{
    public double Mu { get; internal init; }
    public double Sigma { get; internal init; }
    public int NumSpikes { get; internal init; }

    /// <summary>"evoked"; HNN-core calls an evoked drive named extgauss (the params files' Gaussian feed) "gaussian".</summary>
    public override string Type => Name == "extgauss" ? "gaussian" : "evoked";

    // docs/dev/drives.md §6.1 evoked: normal(mu, sigma, size=numspikes), keep (0, tstop], sort.
    internal override double[] CellEventTimes(int offset, string? targetType, long seedBase, double tstop)
    {
        var prng = Prng(seedBase + offset, Name);
        return InWindowSorted(prng.Normal(Mu, Sigma, NumSpikes), tstop);
    }
}
