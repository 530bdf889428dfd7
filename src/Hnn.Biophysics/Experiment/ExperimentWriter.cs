using System.Text;
using System.Text.Json;
using Hnn.Biophysics.Drives;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Writes an <see cref="ExperimentSpec"/> as an experiment file: every argument explicit (defaults
/// filled in), keys in HNN-core's argument order, numbers in shortest round-trip form.
/// </summary>
public static class ExperimentWriter
{
    public static string Write(ExperimentSpec spec)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            WriteNetwork(w, spec.Network);
            w.WriteNumber("tstop", spec.TStop);
            w.WriteNumber("dt", spec.Dt);
            w.WriteNumber("n_trials", spec.NTrials);
            w.WriteStartArray("drives");
            foreach (var d in spec.Drives) WriteDrive(w, d);
            w.WriteEndArray();
            w.WriteStartArray("tonic_biases");
            foreach (var b in spec.TonicBiases)
            {
                w.WriteStartObject();
                w.WriteString("bias_name", b.BiasName);
                WritePairs(w, "amplitude", b.Amplitude);
                w.WriteNumber("t0", b.T0);
                NullableNumber(w, "tstop", b.TStop);
                w.WriteString("section", b.Section);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // Only when the file had it: an experiment without post-processing keeps its old text (and batch job keys).
            if (spec.Postproc is { } pp)
            {
                w.WriteStartObject("postproc");
                NullableNumber(w, "smooth", pp.SmoothMs);
                NullableNumber(w, "scale", pp.Scale);
                w.WriteEndObject();
            }
            if (spec.Spectra is { } spectra) SpectraReader.Write(w, spectra);
            if (spec.Record is { } record) RecordReader.Write(w, record);
            if (spec.ElectrodeArrays is { } arrays) ElectrodeArrayReader.Write(w, arrays);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes atomically: a temporary file beside the target, then a move.</summary>
    public static void WriteFile(string path, ExperimentSpec spec)
    {
        var full = Path.GetFullPath(path);
        var temp = full + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, Write(spec));
        File.Move(temp, full, overwrite: true);
    }

    private static void WriteNetwork(Utf8JsonWriter w, NetworkSection n)
    {
        w.WriteStartObject("network");
        if (n.File is { } file) w.WriteString("file", file);
        else
        {
            w.WriteString("model", n.Model);
            w.WriteStartArray("mesh_shape");
            w.WriteNumberValue(n.MeshX);
            w.WriteNumberValue(n.MeshY);
            w.WriteEndArray();
            w.WriteBoolean("legacy_mode", n.LegacyMode);
            if (n.InplaneDistance is { } d) w.WriteNumber("inplane_distance", d);
            if (n.LayerSeparation is { } z) w.WriteNumber("layer_separation", z);
            if (n.Params is { } paramsFile)
            {
                w.WriteString("params", paramsFile);
                w.WriteBoolean("add_drives_from_params", n.AddDrivesFromParams);
            }
        }
        if (n.Connections.Count > 0)
        {
            w.WriteStartArray("connections");
            foreach (var c in n.Connections)
            {
                w.WriteStartObject();
                WriteGids(w, "src_gids", c.SrcGids);
                WriteGids(w, "target_gids", c.TargetGids);
                w.WriteString("loc", c.Loc);
                w.WriteString("receptor", c.Receptor);
                w.WriteNumber("weight", c.Weight);
                w.WriteNumber("delay", c.Delay);
                w.WriteNumber("lamtha", c.Lamtha);
                NullableNumber(w, "threshold", c.Threshold);
                w.WriteNumber("gain", c.Gain);
                w.WriteBoolean("allow_autapses", c.AllowAutapses);
                w.WriteNumber("probability", c.Probability);
                NullableLong(w, "conn_seed", c.ConnSeed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteGids(Utf8JsonWriter w, string key, GidsEntry g)
    {
        if (g.Name is not null) { w.WriteString(key, g.Name); return; }
        if (g.IsSingleInt) { w.WriteNumber(key, g.List![0]); return; }
        w.WriteStartArray(key);
        if (g.Names is not null) foreach (var n in g.Names) w.WriteStringValue(n);
        else if (g.List is not null) foreach (var i in g.List) w.WriteNumberValue(i);
        else
            foreach (var inner in g.Nested!)
            {
                w.WriteStartArray();
                foreach (var i in inner) w.WriteNumberValue(i);
                w.WriteEndArray();
            }
        w.WriteEndArray();
    }

    private static void WriteDrive(Utf8JsonWriter w, DriveEntry d)
    {
        w.WriteStartObject();
        w.WriteString("type", d.Type);
        w.WriteString("name", d.Name);
        switch (d)
        {
            case EvokedDriveEntry e:
                w.WriteNumber("mu", e.Mu);
                w.WriteNumber("sigma", e.Sigma);
                w.WriteNumber("numspikes", e.NumSpikes);
                w.WriteString("location", e.Location);
                DriveCells(w, e.NDriveCells);
                w.WriteBoolean("cell_specific", e.CellSpecific);
                Common(w, d);
                w.WriteNumber("event_seed", e.EventSeed);
                NullableLong(w, "conn_seed", e.ConnSeed);
                break;
            case PoissonDriveEntry p:
                w.WriteNumber("tstart", p.TStart);
                NullableNumber(w, "tstop", p.TStop);
                WritePerType(w, "rate_constant", p.RateConstant);
                w.WriteString("location", p.Location);
                DriveCells(w, p.NDriveCells);
                w.WriteBoolean("cell_specific", p.CellSpecific);
                Common(w, d);
                w.WriteNumber("event_seed", p.EventSeed);
                NullableLong(w, "conn_seed", p.ConnSeed);
                break;
            case BurstyDriveEntry b:
                w.WriteNumber("tstart", b.TStart);
                w.WriteNumber("tstart_std", b.TStartStd);
                NullableNumber(w, "tstop", b.TStop);
                w.WriteString("location", b.Location);
                w.WriteNumber("burst_rate", b.BurstRate);
                w.WriteNumber("burst_std", b.BurstStd);
                w.WriteNumber("numspikes", b.NumSpikes);
                w.WriteNumber("spike_isi", b.SpikeIsi);
                DriveCells(w, b.NDriveCells);
                w.WriteBoolean("cell_specific", b.CellSpecific);
                Common(w, d);
                w.WriteNumber("event_seed", b.EventSeed);
                NullableLong(w, "conn_seed", b.ConnSeed);
                break;
            case SpikeTrainDriveEntry s:
                WriteSpikeData(w, s.SpikeData);
                w.WriteString("location", s.Location);
                Common(w, d);
                NullableLong(w, "conn_seed", s.ConnSeed);
                if (s.TargetConfig.Count > 0)
                {
                    w.WriteStartObject("target_config");
                    foreach (var (source, cfg) in s.TargetConfig) WriteTargetConfig(w, source, cfg);
                    w.WriteEndObject();
                }
                break;
        }
        w.WriteEndObject();
    }

    private static void Common(Utf8JsonWriter w, DriveEntry d)
    {
        if (d.WeightsAmpa is null) w.WriteNull("weights_ampa"); else WritePairs(w, "weights_ampa", d.WeightsAmpa);
        if (d.WeightsNmda is null) w.WriteNull("weights_nmda"); else WritePairs(w, "weights_nmda", d.WeightsNmda);
        w.WriteNumber("space_constant", d.SpaceConstant);
        WritePerType(w, "synaptic_delays", d.SynapticDelays);
        WritePerType(w, "probability", d.Probability);
    }

    private static void WriteTargetConfig(Utf8JsonWriter w, string source, ReplayTargetConfig c)
    {
        w.WriteStartObject(source);
        if (c.TargetCellTypes is not null)
        {
            w.WriteStartArray("target_cell_types");
            foreach (var t in c.TargetCellTypes) w.WriteStringValue(t);
            w.WriteEndArray();
        }
        if (c.Location is not null) w.WriteString("location", c.Location);
        if (c.WeightsAmpa is not null) WritePairs(w, "weights_ampa", c.WeightsAmpa.ToArray());
        if (c.WeightsNmda is not null) WritePairs(w, "weights_nmda", c.WeightsNmda.ToArray());
        if (c.SynapticDelays is not null) WritePerType(w, "synaptic_delays", c.SynapticDelays);
        if (c.Probability is not null) WritePerType(w, "probability", c.Probability);
        if (c.SpaceConstant is { } sc) w.WriteNumber("space_constant", sc);
        if (c.ConnSeed is { } seed) w.WriteNumber("conn_seed", seed);
        w.WriteEndObject();
    }

    private static void WriteSpikeData(Utf8JsonWriter w, SpikeDataEntry s)
    {
        if (s.Files is not null)
        {
            w.WriteString("spike_data", s.Files);
            if (s.SpikeTypes is not null)
            {
                w.WriteStartArray("spike_types");
                foreach (var t in s.SpikeTypes) w.WriteStringValue(t);
                w.WriteEndArray();
            }
            if (s.SourcePrefix.Length > 0) w.WriteString("source_prefix", s.SourcePrefix);
            return;
        }
        if (s.Sources is not null)
        {
            w.WriteStartObject("spike_data");
            foreach (var (id, times) in s.Sources)
            {
                w.WriteStartArray(id);
                foreach (var t in times) w.WriteNumberValue(t);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            return;
        }
        w.WriteStartArray("spike_data");
        foreach (var (time, gid) in s.Events!)
        {
            w.WriteStartArray();
            w.WriteNumberValue(time);
            w.WriteNumberValue(gid);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static void DriveCells(Utf8JsonWriter w, int? n)
    {
        if (n is { } count) w.WriteNumber("n_drive_cells", count);
        else w.WriteString("n_drive_cells", "n_cells");
    }

    private static void WritePairs(Utf8JsonWriter w, string key, IEnumerable<KeyValuePair<string, double>> pairs)
    {
        w.WriteStartObject(key);
        foreach (var (k, v) in pairs) w.WriteNumber(k, v);
        w.WriteEndObject();
    }

    private static void WritePerType(Utf8JsonWriter w, string key, PerCellType v)
    {
        if (v.Common is { } c) w.WriteNumber(key, c);
        else WritePairs(w, key, v.ByType!);
    }

    private static void NullableNumber(Utf8JsonWriter w, string key, double? v)
    {
        if (v is { } x) w.WriteNumber(key, x); else w.WriteNull(key);
    }

    private static void NullableLong(Utf8JsonWriter w, string key, long? v)
    {
        if (v is { } x) w.WriteNumber(key, x); else w.WriteNull(key);
    }
}
