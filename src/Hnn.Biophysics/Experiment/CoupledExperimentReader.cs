using System.Text.Json;

namespace Hnn.Biophysics.Experiment;

/// <summary>
/// Reads a coupled experiment file (docs/experiment-file.md, "Coupled networks"): top-level "networks"
/// (name → a single experiment's "network" keys plus its "drives" and "tonic_biases"), "projections",
/// and the shared run settings. As strict as <see cref="ExperimentReader"/>, whose network, drive, bias,
/// weight and target_config parsing it uses: every error names its JSON path and what is allowed.
/// </summary>
public static class CoupledExperimentReader
{
    /// <summary>The message for a file that has both "network" and "networks".</summary>
    internal const string BothKinds =
        "a file has either \"network\" (one network) or \"networks\" (coupled networks), not both; allowed: one of the two";

    private static readonly string[] Unsupported = ["record", "electrode_arrays", "spectra"];
    private static readonly string[] TopKeys = ["networks", "projections", "tstop", "dt", "n_trials", "postproc"];
    private static readonly string[] ProjectionKeys =
        ["name", "from", "source_types", "to", "location", "weights_ampa", "weights_nmda", "synaptic_delays", "space_constant", "probability", "conn_seed", "target_config"];

    /// <summary>Whether <paramref name="json"/> is a coupled experiment (a JSON object with a top-level "networks"); false for anything unreadable.</summary>
    public static bool IsCoupled(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("networks", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether the file at <paramref name="path"/> is a coupled experiment; false for a folder or a file that cannot be read (its reader says why).</summary>
    public static bool IsCoupledFile(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            return IsCoupled(Recording.InputFile.ReadAllText(path, "experiment file", Recording.InputFile.ExperimentFileLimit));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return false;
        }
    }

    public static CoupledExperimentSpec ReadFile(string path) => Parse(ExperimentReader.ReadText(path));

    public static CoupledExperimentSpec Parse(string json)
    {
        using (var doc = JsonSection.ParseDocument(json))
        {
            var root = JsonSection.Open(doc.RootElement, "$");
            if (root.Has("network")) throw new ExperimentFileException("$.network", BothKinds);
            foreach (var key in Unsupported)
                if (root.Has(key))
                    throw new ExperimentFileException(root.At(key),
                        "not supported for coupled runs yet; allowed: leave it out (an experiment file of one network supports it)");
            foreach (var key in new[] { "drives", "tonic_biases" })
                if (root.Has(key))
                    throw new ExperimentFileException(root.At(key),
                        $"in a coupled file each network has its own; allowed: \"{key}\" inside an entry of \"networks\", e.g. $.networks.A.{key}");
            root.Expect(TopKeys);
            var networks = ReadNetworks(root.Required("networks", "an object network name → {\"model\": …, \"drives\": […]}"), root.At("networks"));
            var tstop = root.Number("tstop", allowed: "the simulation length in ms (a number > 0)");
            var dt = root.Number("dt", 0.025, "the time step in ms (a number > 0)");
            if (Simulation.TimeGrid.Problem(tstop, dt, out var bad) is { } problem) throw new ExperimentFileException(root.At(bad), problem);
            var nTrials = root.Int("n_trials", 1, "an integer >= 1");
            if (nTrials < 1) throw new ExperimentFileException(root.At("n_trials"), $"Invalid number of simulations: {nTrials}; allowed: an integer >= 1");
            var names = networks.Select(n => n.Name).ToArray();
            var projections = ExperimentReader.Array(root, "projections").Select((e, i) => ReadProjection(e, $"$.projections[{i}]", names)).ToArray();
            for (var i = 0; i < projections.Length; i++)
                if (System.Array.FindIndex(projections, p => p.Name == projections[i].Name) < i)
                    throw new ExperimentFileException($"$.projections[{i}].name",
                        $"\"{projections[i].Name}\" is not allowed: a projection of that name comes earlier; allowed: a name of its own");
            var postproc = root.Get("postproc") is { } pp ? ExperimentReader.ReadPostproc(pp, root.At("postproc"), tstop, dt) : null;
            root.RejectUnknownKeys();
            return new CoupledExperimentSpec(networks, projections, tstop, dt, nTrials, postproc);
        }
    }

    private static CoupledNetworkEntry[] ReadNetworks(JsonElement e, string path)
    {
        var all = JsonSection.Open(e, path);
        var entries = all.Properties().Select(p =>
        {
            var o = JsonSection.Open(p.Value, $"{path}.{p.Name}");
            o.Expect([.. ExperimentReader.NetworkKeys, "drives", "tonic_biases"]);
            var network = ExperimentReader.ReadNetwork(o);
            var drives = ExperimentReader.Array(o, "drives").Select((d, i) => ExperimentReader.ReadDrive(d, $"{o.Path}.drives[{i}]")).ToArray();
            var biases = ExperimentReader.Array(o, "tonic_biases").Select((b, i) => ExperimentReader.ReadBias(b, $"{o.Path}.tonic_biases[{i}]")).ToArray();
            o.RejectUnknownKeys();
            return new CoupledNetworkEntry(p.Name, network, drives, biases);
        }).ToArray();
        if (entries.Length == 0)
            throw new ExperimentFileException(path, "no networks; allowed: one entry or more, e.g. {\"A\": {\"model\": \"jones_2009_model\"}}");
        return entries;
    }

    private static ProjectionEntry ReadProjection(JsonElement e, string path, IReadOnlyList<string> networks)
    {
        var o = JsonSection.Open(e, path);
        o.Expect(ProjectionKeys);
        var name = o.String("name", allowed: "the projection's name (the name of its drive in the target network)");
        var from = Network(o, "from", networks);
        var typesValue = o.Required("source_types", "a list of cell types of the source network, e.g. [\"L2_pyramidal\", \"L5_pyramidal\"]");
        if (typesValue.ValueKind != JsonValueKind.Array)
            throw new ExperimentFileException(o.At("source_types"),
                $"{JsonSection.Describe(typesValue)} is not allowed; allowed: a list of cell types of the source network, e.g. [\"L2_pyramidal\", \"L5_pyramidal\"]");
        var types = typesValue.EnumerateArray().Select((t, i) => JsonSection.AsString(t, $"{o.At("source_types")}[{i}]", "a cell type")).ToArray();
        var to = Network(o, "to", networks);
        var entry = new ProjectionEntry(name, from, types, to,
            o.String("location", allowed: "\"proximal\", \"distal\" or a section name"),
            ExperimentReader.Weights(o, "weights_ampa"), ExperimentReader.Weights(o, "weights_nmda"),
            ExperimentReader.PerType(o, "synaptic_delays", 0.1), o.Number("space_constant", 3.0),
            ExperimentReader.PerType(o, "probability", 1.0),
            o.NullableLong("conn_seed", null, "a non-negative integer or null"), ExperimentReader.TargetConfig(o));
        o.RejectUnknownKeys();
        return entry;
    }

    private static string Network(JsonSection o, string key, IReadOnlyList<string> networks)
    {
        var allowed = string.Join(", ", networks.Select(n => $"\"{n}\""));
        var name = o.String(key, allowed: $"the name of a network: {allowed}");
        if (!networks.Contains(name))
            throw new ExperimentFileException(o.At(key), $"\"{name}\" is not allowed: no network of that name; allowed: {allowed}");
        return name;
    }
}
