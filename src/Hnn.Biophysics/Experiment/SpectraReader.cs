using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Analysis;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Reads and writes an experiment's "spectra" (docs/experiment-file.md): strict keys, HNN-core's
/// decim (positive integer factors, docs/dev/spectra.md §7) that leave each filter step enough
/// samples, frequencies that the (decimated) run can resolve (up to Nyquist, and wavelets no longer
/// than mne's padded signal, §6), so a bad entry fails before the simulation rather than after it.
/// </summary>
internal static class SpectraReader
{
    private const string Decim = "a decimation factor (a positive integer, written without a decimal point) or a non-empty list of them, applied in turn (HNN-core's decim)";
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
            po.Expect("fmin", "fmax", "decim");
            var fmin = po.Number("fmin", 0.0, "a frequency in Hz >= 0");
            if (!double.IsFinite(fmin) || fmin < 0) throw new ExperimentFileException(po.At("fmin"), Invariant($"{fmin} is not allowed; allowed: a frequency in Hz >= 0"));
            var fmax = po.NullableNumber("fmax", null, "a frequency in Hz > fmin, or null for Nyquist");
            if (fmax is { } f && (!double.IsFinite(f) || !(f > fmin)))
                throw new ExperimentFileException(po.At("fmax"), Invariant($"{f} is not allowed; allowed: a frequency in Hz > fmin ({fmin}), or null for Nyquist"));
            var decim = po.Get("decim") is { } pd ? ReadDecim(pd, po.At("decim")) : null;
            po.RejectUnknownKeys();
            if (decim is not null) CheckDecimated(decim, fmax, tstop, dt, po.At("decim"));
            psd = new PsdSettings(fmin, fmax, decim);
        }
        TfrSettings? tfr = null;
        if (o.Get("tfr") is { } t)
        {
            var to = JsonSection.Open(t, o.At("tfr"));
            to.Expect("freqs", "n_cycles", "decim");
            var freqs = ReadFreqs(to.Required("freqs", Freqs), to.At("freqs"));
            var nCycles = to.Number("n_cycles", 7.0, "a number of cycles > 0 (HNN-core's default 7)");
            if (!double.IsFinite(nCycles) || !(nCycles > 0))
                throw new ExperimentFileException(to.At("n_cycles"), Invariant($"{nCycles} is not allowed; allowed: a number of cycles > 0"));
            var decim = to.Get("decim") is { } td ? ReadDecim(td, to.At("decim")) : null;
            to.RejectUnknownKeys();
            if (decim is not null) CheckDecimated(decim, null, tstop, dt, to.At("decim"));
            CheckResolvable(freqs, nCycles, tstop, dt, decim, to.At("freqs"));
            tfr = new TfrSettings(freqs, nCycles, decim);
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
            WriteDecim(w, psd.Decim);
            w.WriteEndObject();
        }
        if (spectra.Tfr is { } tfr)
        {
            w.WriteStartObject("tfr");
            w.WriteStartArray("freqs");
            foreach (var f in tfr.Freqs) w.WriteNumberValue(f);
            w.WriteEndArray();
            w.WriteNumber("n_cycles", tfr.NCycles);
            WriteDecim(w, tfr.Decim);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteDecim(Utf8JsonWriter w, IReadOnlyList<int>? decim)
    {
        if (decim is null) return;
        if (decim.Count == 1)
        {
            w.WriteNumber("decim", decim[0]);
            return;
        }
        w.WriteStartArray("decim");
        foreach (var q in decim) w.WriteNumberValue(q);
        w.WriteEndArray();
    }

    /// <summary>HNN-core's check: each factor a positive int (here: an integer token ≥ 1; true/false and 2.0 are refused).</summary>
    private static int[] ReadDecim(JsonElement v, string at)
    {
        int Factor(JsonElement f, string path)
        {
            var q = JsonSection.AsInt(f, path, Decim);
            if (q < 1) throw new ExperimentFileException(path, Invariant($"{q} is not allowed; allowed: {Decim}"));
            return q;
        }
        if (v.ValueKind == JsonValueKind.Array)
        {
            var factors = v.EnumerateArray().Select((f, i) => Factor(f, $"{at}[{i}]")).ToArray();
            if (factors.Length == 0) throw new ExperimentFileException(at, $"an empty list is not allowed; allowed: {Decim}");
            return factors;
        }
        if (v.ValueKind == JsonValueKind.Number) return [Factor(v, at)];
        throw new ExperimentFileException(at, $"{JsonSection.Describe(v)} is not allowed; allowed: {Decim}");
    }

    /// <summary>
    /// The run's samples (the last one left out, as HNN-core's crop) must survive every decimation step (scipy's
    /// filter needs more than 27 samples), and a PSD's fmax must not lie above the decimated Nyquist frequency.
    /// </summary>
    private static void CheckDecimated(int[] decim, double? fmax, double tstop, double dt, string at)
    {
        var samples = (int)Simulation.TimeGrid.Steps(tstop, dt);
        if (Decimation.TooShort(samples, decim) is { } why)
            throw new ExperimentFileException(at, Invariant($"[{string.Join(", ", decim)}] is not allowed for the {samples} samples of the {tstop} ms run (dt {dt} ms): {why}; allowed: smaller factors or a longer tstop"));
        var nyquist = 1000.0 / dt / decim.Aggregate(1.0, (p, q) => p * q) / 2;
        if (fmax is { } f && f > nyquist)
            throw new ExperimentFileException(at, Invariant($"[{string.Join(", ", decim)}] lowers the Nyquist frequency to {nyquist} Hz, below fmax {f} Hz; allowed: smaller factors or an fmax up to {nyquist} Hz"));
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
    private static void CheckResolvable(double[] freqs, double nCycles, double tstop, double dt, int[]? decim, string at)
    {
        var fs = 1000.0 / dt;
        var samples = (int)Simulation.TimeGrid.Steps(tstop, dt); // the TFR drops the last sample, as HNN-core
        var decimated = "";
        if (decim is not null)
        {
            fs /= decim.Aggregate(1.0, (p, q) => p * q);
            samples = Decimation.Length(samples, decim);
            decimated = Invariant($" decimated by [{string.Join(", ", decim)}]");
        }
        var padded = 3 * samples - 2;
        foreach (var f in freqs)
        {
            if (f > fs / 2)
                throw new ExperimentFileException(at, Invariant($"{f} Hz is above the Nyquist frequency {fs / 2} Hz of the run (dt {dt} ms){decimated}; allowed: frequencies up to {fs / 2} Hz"));
            var length = MorletTfr.WaveletLength(fs, f, nCycles);
            if (length > padded)
                throw new ExperimentFileException(at, Invariant(
                    $"{f} Hz with {nCycles} cycles needs a wavelet of {length} samples, longer than the {padded} samples of the padded {tstop} ms run{decimated}; allowed: frequencies above about {Math.Ceiling(f * length / padded)} Hz, fewer cycles, {(decim is null ? "" : "less decimation, ")}or a longer tstop"));
        }
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
