using System.Globalization;
using Hnn.Biophysics.Recording;
using Hnn.Biophysics.Simulation;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// "postproc": what HNN-core's simulate_dipole(..., postproc=True) does to every trial's dipole
/// after the baseline and unit steps (docs/dev/dipole.md §4.3): a Hamming smoothing over
/// <see cref="SmoothMs"/> ms, then a multiplication by <see cref="Scale"/>; either may be absent
/// (null; a window of 0 is no smoothing too, as in HNN-core's parameter files).
/// The trial average is the mean of the post-processed trials (nothing is applied to it again).
/// </summary>
public sealed record PostprocEntry(double? SmoothMs, double? Scale)
{
    public const string SmoothAllowed = "a window in ms ≥ 1 that fits in the run (at most tstop), or 0 or null for none";
    public const string ScaleAllowed = "a finite number > 0, or null for none";

    /// <summary>Smooths, then scales, every dipole in place (HNN-core's order).</summary>
    public void Apply(IReadOnlyList<Dipole> dipoles)
    {
        ArgumentNullException.ThrowIfNull(dipoles);
        foreach (var d in dipoles)
        {
            if (SmoothMs is { } window and > 0) d.Smooth(window);
            if (Scale is { } factor) d.Scale(factor);
        }
    }

    /// <summary>What is wrong with the values on this time grid (the key to blame in <paramref name="key"/>), or null.</summary>
    public string? Problem(double tstop, double dt, out string key)
    {
        key = "smooth";
        if (SmoothMs is { } w and not 0)
        {
            if (!double.IsFinite(w) || w < 1) return $"smoothing window {Show(w)} ms is not allowed; allowed: {SmoothAllowed}";
            // The window in samples as Dipole.Smooth counts it (docs/dev/dipole.md §5.2), against the samples of the run.
            var sfreq = 1000.0 / TimeGrid.HalfStep(TimeGrid.HalfStep(0.0, dt), dt);
            var m = Math.Round(1e-3 * w * sfreq, MidpointRounding.ToEven);
            var samples = TimeGrid.Steps(tstop, dt) + 1;
            if (m > samples)
                return $"smoothing window {Show(w)} ms is {m:0} samples, longer than the run's {samples:0} samples (tstop {Show(tstop)} ms, dt {Show(dt)} ms); allowed: {SmoothAllowed}";
        }
        key = "scale";
        if (Scale is { } f && (!double.IsFinite(f) || f <= 0)) return $"scale factor {Show(f)} is not allowed; allowed: {ScaleAllowed}";
        return null;
    }

    /// <summary>As a reader sees it: "smooth 30 ms, then scale 3000", "none".</summary>
    public override string ToString() =>
        (SmoothMs, Scale) switch
        {
            (null or 0, null) => "none",
            ({ } w, null) => $"smooth {Show(w)} ms",
            (null or 0, { } f) => $"scale {Show(f)}",
            ({ } w, { } f) => $"smooth {Show(w)} ms, then scale {Show(f)}",
        };

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
