using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Analysis;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Reads and writes an experiment's "spectra" (docs/experiment-file.md): strict keys, frequencies
/// that the run can resolve (up to Nyquist, and wavelets no longer than mne's padded signal,
/// docs/dev/spectra.md §6), so a bad entry fails before the simulation rather than after it.
/// </summary>
internal static class SpectraReader
{
    private const string Freqs = "a list of frequencies in Hz (> 0), or {\"start\": Hz, \"stop\": Hz, \"step\": Hz} (numpy's arange: stop excluded)";

    public static SpectraEntry? Read(JsonElement e, string path, double tstop, double dt)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        var o = JsonSection.Open(e, path);
        o.Expect("psd", "tfr");
        PsdSettings? psd = null;
        if (o.Get("psd") is { } p)
        {
            var po = JsonSection.Open(p, o.At("psd"));
            po.Expect("fmin", "fmax");
            var fmin = po.Number("fmin", 0.0, "a frequency in Hz >= 0");
            if (!double.IsFinite(fmin) || fmin < 0) throw new ExperimentFileException(po.At("fmin"), Invariant($"{fmin} is not allowed; allowed: a frequency in Hz >= 0"));
            var fmax = po.NullableNumber("fmax", null, "a frequency in Hz > fmin, or null for Nyquist");
            if (fmax is { } f && (!double.IsFinite(f) || !(f > fmin)))
                throw new ExperimentFileException(po.At("fmax"), Invariant($"{f} is not allowed; allowed: a frequency in Hz > fmin ({fmin}), or null for Nyquist"));
            po.RejectUnknownKeys();
            psd = new PsdSettings(fmin, fmax);
        }
        TfrSettings? tfr = null;
        if (o.Get("tfr") is { } t)
        {
            var to = JsonSection.Open(t, o.At("tfr"));
            to.Expect("freqs", "n_cycles");
            var freqs = ReadFreqs(to.Required("freqs", Freqs), to.At("freqs"));
            var nCycles = to.Number("n_cycles", 7.0, "a number of cycles > 0 (HNN-core's default 7)");
            if (!double.IsFinite(nCycles) || !(nCycles > 0))
                throw new ExperimentFileException(to.At("n_cycles"), Invariant($"{nCycles} is not allowed; allowed: a number of cycles > 0"));
            to.RejectUnknownKeys();
            CheckResolvable(freqs, nCycles, tstop, dt, to.At("freqs"));
            tfr = new TfrSettings(freqs, nCycles);
        }
        o.RejectUnknownKeys();
        return new SpectraEntry(psd, tfr);
    }

    public static void Write(Utf8JsonWriter w, SpectraEntry spectra)
    {
        w.WriteStartObject("spectra");
        if (spectra.Psd is { } psd)
        {
            w.WriteStartObject("psd");
            w.WriteNumber("fmin", psd.FMin);
            if (psd.FMax is { } fmax) w.WriteNumber("fmax", fmax);
            else w.WriteNull("fmax");
            w.WriteEndObject();
        }
        if (spectra.Tfr is { } tfr)
        {
            w.WriteStartObject("tfr");
            w.WriteStartArray("freqs");
            foreach (var f in tfr.Freqs) w.WriteNumberValue(f);
            w.WriteEndArray();
            w.WriteNumber("n_cycles", tfr.NCycles);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static double[] ReadFreqs(JsonElement v, string at)
    {
        double[] freqs;
        if (v.ValueKind == JsonValueKind.Array)
            freqs = v.EnumerateArray().Select((f, i) => JsonSection.AsNumber(f, $"{at}[{i}]", "a frequency in Hz > 0")).ToArray();
        else if (v.ValueKind == JsonValueKind.Object)
        {
            var r = JsonSection.Open(v, at);
            r.Expect("start", "stop", "step");
            var (start, stop, step) = (r.Number("start", allowed: "a frequency in Hz > 0"), r.Number("stop", allowed: "a frequency in Hz > start"), r.Number("step", allowed: "a step in Hz > 0"));
            r.RejectUnknownKeys();
            if (!double.IsFinite(step) || !(step > 0)) throw new ExperimentFileException(r.At("step"), Invariant($"{step} is not allowed; allowed: a step in Hz > 0"));
            if (!double.IsFinite(start) || !double.IsFinite(stop) || !(stop > start))
                throw new ExperimentFileException(r.At("stop"), Invariant($"{stop} is not allowed; allowed: a frequency in Hz > start ({start})"));
            var count = (int)Math.Ceiling((stop - start) / step);
            if (count > 1000) throw new ExperimentFileException(at, Invariant($"{count} frequencies is not allowed; allowed: at most 1000"));
            freqs = Enumerable.Range(0, count).Select(k => start + k * step).ToArray(); // numpy's arange
        }
        else throw new ExperimentFileException(at, $"{JsonSection.Describe(v)} is not allowed; allowed: {Freqs}");
        if (freqs.Length == 0) throw new ExperimentFileException(at, $"no frequencies; allowed: {Freqs}");
        var bad = Array.FindIndex(freqs, f => !double.IsFinite(f) || !(f > 0));
        if (bad >= 0) throw new ExperimentFileException(at, Invariant($"frequency {freqs[bad]} is not allowed; allowed: frequencies in Hz > 0"));
        return freqs;
    }

    /// <summary>Each frequency must be below Nyquist and its wavelet no longer than the padded signal (what mne refuses).</summary>
    private static void CheckResolvable(double[] freqs, double nCycles, double tstop, double dt, string at)
    {
        var fs = 1000.0 / dt;
        var samples = (int)Simulation.TimeGrid.Steps(tstop, dt); // the TFR drops the last sample, as HNN-core
        var padded = 3 * samples - 2;
        foreach (var f in freqs)
        {
            if (f > fs / 2)
                throw new ExperimentFileException(at, Invariant($"{f} Hz is above the run's Nyquist frequency {fs / 2} Hz (dt {dt} ms); allowed: frequencies up to {fs / 2} Hz"));
            var length = MorletTfr.WaveletLength(fs, f, nCycles);
            if (length > padded)
                throw new ExperimentFileException(at, Invariant(
                    $"{f} Hz with {nCycles} cycles needs a wavelet of {length} samples, longer than the {padded} samples of the padded {tstop} ms run; allowed: frequencies above about {Math.Ceiling(f * length / padded)} Hz, fewer cycles, or a longer tstop"));
        }
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
