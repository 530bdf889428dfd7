using System.Globalization;
using System.Text.Json;
using Hnn.Biophysics.Analysis;
using Hnn.Biophysics.Experiment;

namespace Hnn.Biophysics.Fitting.Objectives;

/// <summary>
/// HNN-core's "maximize_psd" objective (docs/dev/fitting.md §2): minus the weighted share of the
/// dipole's power in frequency bands (periodogram of the prepared trial-average agg dipole with a
/// Hamming window, docs/dev/spectra.md), so that minimising the loss maximises the band power.
/// </summary>
internal sealed class PsdBandObjective(IReadOnlyList<(double FMin, double FMax, double Weight)> bands) : FitObjective
{
    public const string Kind = "psd_band";
    private const string Allowed = "{\"fmin\": 15, \"fmax\": 30} (Hz), optionally with \"weight\", or {\"bands\": [{\"fmin\": …, \"fmax\": …, \"weight\": …}, …]}";

    public IReadOnlyList<(double FMin, double FMax, double Weight)> Bands => bands;

    public override string Name => Kind;

    public override double Loss(FitSimulation simulation) => -BandPower.Relative(simulation.Average, Recording.Dipole.Agg, bands);

    internal override string Canonical => CanonicalJson.Write(Kind, w =>
    {
        w.WriteStartArray("bands");
        foreach (var (fmin, fmax, weight) in bands)
        {
            w.WriteStartObject();
            w.WriteNumber("fmax", fmax);
            w.WriteNumber("fmin", fmin);
            w.WriteNumber("weight", weight);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    /// <summary>Reads the objective's options at <paramref name="at"/> ($.objective.psd_band).</summary>
    public static PsdBandObjective Read(JsonElement? options, string at)
    {
        if (options is not { } e || e.ValueKind != JsonValueKind.Object)
            throw new FitFileException(null, at, $"{(options is { } v ? JsonSection.Describe(v) : "nothing")} is not allowed; allowed: {Allowed}");
        var o = JsonSection.Open(e, at);
        if (o.Has("bands"))
        {
            o.Expect("bands");
            var list = o.Get("bands")!.Value;
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new FitFileException(null, o.At("bands"), $"{JsonSection.Describe(list)} is not allowed; allowed: a non-empty list of {{\"fmin\": …, \"fmax\": …, \"weight\": …}}");
            var bands = list.EnumerateArray().Select((b, i) => Band(JsonSection.Open(b, $"{o.At("bands")}[{i}]"))).ToArray();
            o.RejectUnknownKeys();
            return new PsdBandObjective(bands);
        }
        var band = Band(o);
        return new PsdBandObjective([band]);
    }

    private static (double FMin, double FMax, double Weight) Band(JsonSection o)
    {
        o.Expect("fmin", "fmax", "weight");
        var fmin = o.Number("fmin", allowed: "a frequency in Hz >= 0");
        var fmax = o.Number("fmax", allowed: "a frequency in Hz > fmin");
        var weight = o.Number("weight", 1.0, "a finite number (the band's weight, 1 by default)");
        if (!double.IsFinite(fmin) || fmin < 0)
            throw new FitFileException(null, o.At("fmin"), Invariant($"{fmin} is not allowed; allowed: a frequency in Hz >= 0"));
        if (!double.IsFinite(fmax) || !(fmax > fmin))
            throw new FitFileException(null, o.At("fmax"), Invariant($"{fmax} is not allowed; allowed: a frequency in Hz > fmin ({fmin})"));
        if (!double.IsFinite(weight))
            throw new FitFileException(null, o.At("weight"), Invariant($"{weight} is not allowed; allowed: a finite number"));
        o.RejectUnknownKeys();
        return (fmin, fmax, weight);
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
