using System.Text.Json.Nodes;
using Hnn.Biophysics.Experiment;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

/// <summary>
/// The workbench's experiment schema (wwwroot/schema/experiment.schema.json) against the reader it
/// describes: the same models and drive kinds, no key the reader refuses, and the same defaults —
/// an experiment with every schema default written out reads as the one that leaves them out.
/// No browser needed.
/// </summary>
public sealed class SchemaTests(ITestOutputHelper log)
{
    private static readonly string Wwwroot = Path.Combine(Experiments.RepoRoot, "src", "Hnn.Host", "Serve", "wwwroot");
    private static readonly JsonObject Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Wwwroot, "schema", "experiment.schema.json")))!.AsObject();

    private static JsonObject Def(string name) => Schema["$defs"]![name]!.AsObject();

    private static JsonObject Resolve(JsonNode node)
    {
        var o = node.AsObject();
        return o["$ref"] is { } r ? Resolve(Schema["$defs"]![r.GetValue<string>().Split('/')[^1]]!) : o;
    }

    /// <summary>The default of a property: its own, else the one of the definition it refers to.</summary>
    private static JsonNode? DefaultOf(JsonNode property, out bool has)
    {
        var o = property.AsObject();
        if (o.TryGetPropertyValue("default", out var d)) { has = true; return d?.DeepClone(); }
        if (o["$ref"] is not null) return DefaultOf(Resolve(o), out has);
        has = false;
        return null;
    }

    /// <summary>Adds every property of <paramref name="def"/> that has a default and that <paramref name="target"/> lacks.</summary>
    private static int FillDefaults(JsonObject target, JsonObject def, params string[] except)
    {
        var added = 0;
        foreach (var (key, property) in def["properties"]!.AsObject())
        {
            if (target.ContainsKey(key) || except.Contains(key)) continue;
            var value = DefaultOf(property!, out var has);
            if (!has) continue;
            target[key] = value;
            added++;
        }
        return added;
    }

    [Fact]
    public void The_schema_names_the_readers_models_and_drive_kinds()
    {
        var models = Def("network")["properties"]!["model"]!["enum"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        Assert.Equal(ExperimentReader.Models.Order(), models.Order());
        var kinds = Def("drive")["oneOf"]!.AsArray().Select(b => Resolve(b!)["properties"]!["type"]!["const"]!.GetValue<string>()).ToArray();
        Assert.Equal(ExperimentReader.DriveTypes, kinds);
    }

    /// <summary>A private key list of a reader (read by reflection, so the schema cannot drift from it).</summary>
    private static T ReaderField<T>(Type reader, string name) =>
        (T)reader.GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

    private static string[] Keys(JsonObject def) => def["properties"]!.AsObject().Select(kv => kv.Key).Order().ToArray();

    [Fact]
    public void The_schema_has_exactly_the_keys_the_readers_accept()
    {
        Assert.Equal(ReaderField<string[]>(typeof(ExperimentReader), "NetworkKeys").Order(), Keys(Def("network")));
        var common = ReaderField<string[]>(typeof(ExperimentReader), "CommonDriveKeys");
        var perType = ReaderField<Dictionary<string, string[]>>(typeof(ExperimentReader), "DriveKeys");
        foreach (var (kind, def) in new[] { ("evoked", "evokedDrive"), ("poisson", "poissonDrive"), ("bursty", "burstyDrive"), ("spike_train", "spikeTrainDrive") })
            Assert.Equal(common.Concat(perType[kind]).Order(), Keys(Def(def)));

        var coupled = JsonNode.Parse(File.ReadAllText(Path.Combine(Wwwroot, "schema", "coupled-experiment.schema.json")))!.AsObject();
        Assert.Equal(ReaderField<string[]>(typeof(CoupledExperimentReader), "TopKeys").Order(), Keys(coupled));
        Assert.Equal(ReaderField<string[]>(typeof(CoupledExperimentReader), "ProjectionKeys").Order(), Keys(coupled["$defs"]!["projection"]!.AsObject()));
        Assert.Equal(ReaderField<string[]>(typeof(ExperimentReader), "NetworkKeys").Concat(["drives", "tonic_biases"]).Order(), Keys(coupled["$defs"]!["networkEntry"]!.AsObject()));
    }

    [Fact]
    public void Every_default_of_the_schema_is_the_readers()
    {
        var minimal = JsonNode.Parse("""
            {"network": {"model": "jones_2009_model"}, "tstop": 100,
             "drives": [
               {"type": "evoked", "name": "e", "mu": 20, "sigma": 2, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}},
               {"type": "poisson", "name": "p", "rate_constant": 10, "location": "proximal", "weights_ampa": {"L2_pyramidal": 0.001}},
               {"type": "bursty", "name": "b", "burst_rate": 10, "location": "distal", "weights_ampa": {"L2_pyramidal": 0.0001}},
               {"type": "spike_train", "name": "s", "spike_data": {"a": [10, 20]}, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.01}}],
             "tonic_biases": [{"amplitude": {"L5_pyramidal": 0.1}}]}
            """)!.AsObject();
        var full = minimal.DeepClone().AsObject();
        // inplane_distance and layer_separation: the reader keeps "not given" (the model's own positions) apart from a value
        var added = FillDefaults(full, Schema) + FillDefaults(full["network"]!.AsObject(), Def("network"), "inplane_distance", "layer_separation");
        var defs = new[] { "evokedDrive", "poissonDrive", "burstyDrive", "spikeTrainDrive" };
        for (var i = 0; i < defs.Length; i++) added += FillDefaults(full["drives"]![i]!.AsObject(), Def(defs[i]));
        added += FillDefaults(full["tonic_biases"]![0]!.AsObject(), Def("tonicBias"));
        log.WriteLine($"{added} defaults written out: {full.ToJsonString()}");
        Assert.True(added >= 40, $"only {added} defaults in the schema");

        var expected = JsonNode.Parse(ExperimentWriter.Write(ExperimentReader.Parse(minimal.ToJsonString())))!.AsObject();
        var actual = JsonNode.Parse(ExperimentWriter.Write(ExperimentReader.Parse(full.ToJsonString())))!.AsObject();
        // "record": null and "electrode_arrays": null read as "nothing", which the writer spells out
        // (every scope false, no arrays); left out, it writes nothing
        foreach (var key in new[] { "record", "electrode_arrays" })
        {
            if (expected.ContainsKey(key) || actual[key] is not JsonObject nothing) continue;
            Assert.All(nothing, kv => Assert.Equal(System.Text.Json.JsonValueKind.False, kv.Value!.GetValueKind()));
            actual.Remove(key);
        }
        Assert.Equal(expected.ToJsonString(), actual.ToJsonString());
    }

    [Fact]
    public void The_workbench_examples_are_the_repositorys()
    {
        var erp = File.ReadAllText(Path.Combine(Experiments.RepoRoot, "examples", "erp.json"));
        Assert.Equal(erp, File.ReadAllText(Path.Combine(Wwwroot, "examples", "erp.json")));
        // sweep_erp.json with its experiment written inline (the server reads no files of the user's)
        var sweep = JsonNode.Parse(File.ReadAllText(Path.Combine(Wwwroot, "examples", "sweep_erp.json")))!.AsObject();
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Experiments.RepoRoot, "examples", "sweep_erp.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(erp), sweep["experiment"]), "the inline experiment is not examples/erp.json");
        original.Remove("experiment");
        sweep.Remove("experiment");
        Assert.True(JsonNode.DeepEquals(original, sweep), $"{sweep.ToJsonString()} is not {original.ToJsonString()}");
    }
}
