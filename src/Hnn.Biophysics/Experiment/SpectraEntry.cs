namespace Hnn.Biophysics.Experiment;

/// <summary>
/// "spectra": spectra `hnn simulate` writes next to the dipole (docs/experiment-file.md): the
/// trial-average PSD of the agg dipole (HNN-core's plot_psd) and its Morlet time–frequency power
/// (plot_tfr_morlet), each optional. Computed on the post-processed dipoles the run writes.
/// </summary>
public sealed record SpectraEntry(PsdSettings? Psd, TfrSettings? Tfr);

/// <summary>
/// The PSD's frequency range shown in psd.png (Hz); null FMax: up to Nyquist. Decim: decimation
/// factors applied in turn before the periodogram (docs/dev/spectra.md §7), null for none.
/// </summary>
public sealed record PsdSettings(double FMin = 0, double? FMax = null, IReadOnlyList<int>? Decim = null);

/// <summary>
/// The TFR's frequencies (Hz), cycles per wavelet (HNN-core's default 7) and HNN-core's decim
/// (factors applied in turn, docs/dev/spectra.md §7; null for none).
/// </summary>
public sealed record TfrSettings(IReadOnlyList<double> Freqs, double NCycles = 7.0, IReadOnlyList<int>? Decim = null);
