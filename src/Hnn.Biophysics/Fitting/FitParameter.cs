using System.Globalization;

namespace Hnn.Biophysics.Fitting;

/// <summary>
/// One fitted value (docs/fit-file.md "Parameters"): an experiment path, where the search starts,
/// its bounds (both included) and the scale the solver searches on. Solvers see every parameter
/// in the unit interval: 0 is <see cref="Lower"/>, 1 is <see cref="Upper"/>, linearly or in log.
/// </summary>
public sealed record FitParameter(string Path, double Initial, double Lower, double Upper, string Scale = FitParameter.Linear)
{
    public const string Linear = "linear";
    public const string Log = "log";
    public static readonly IReadOnlyList<string> Scales = [Linear, Log];

    /// <summary>The physical value as a coordinate of the unit interval.</summary>
    public double ToUnit(double value)
    {
        if (Upper == Lower) return 0.5;
        var u = Scale == Log
            ? (Math.Log(value) - Math.Log(Lower)) / (Math.Log(Upper) - Math.Log(Lower))
            : (value - Lower) / (Upper - Lower);
        return Math.Clamp(u, 0.0, 1.0);
    }

    /// <summary>The physical value at a unit coordinate (clamped to the bounds, so rounding never leaves them).</summary>
    public double FromUnit(double u)
    {
        if (!(u > 0.0)) return Lower;
        if (u >= 1.0) return Upper;
        var value = Scale == Log
            ? Math.Exp(Math.Log(Lower) + u * (Math.Log(Upper) - Math.Log(Lower)))
            : Lower + u * (Upper - Lower);
        return Math.Clamp(value, Lower, Upper);
    }

    /// <summary>"drives.evprox1.mu in [10, 40] (linear), from 20".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path} in [{Lower:R}, {Upper:R}] ({Scale}), from {Initial:R}");
}
