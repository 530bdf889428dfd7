using System.Text.Json.Nodes;
using Hnn.Biophysics.ParamsFiles;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.ParamsFiles;

/// <summary>
/// read_params (docs/dev/params.md §1–§3) against HNN-core's own reading of the same files
/// (tests/data/hnn_files/regression/params_check.json): key set, values, Python types.
/// </summary>
public sealed class ParamsReadingTests(ITestOutputHelper output)
{
    [Fact]
    public void DefaultJsonAndDefaultParamGiveTheSameParams()
    {
        var json = ParamsReference.Read("default.json");
        var param = ParamsReference.Read("default.param");
        var check = ParamsReference.Json("params_check.json")["default_json_vs_default_param"]!;
        output.WriteLine($"default.json: {json.Count} keys, default.param: {param.Count} keys (HNN-core: {check["n_keys"]})");
        Assert.Equal(check["n_keys"]!.GetValue<int>(), json.Count);
        Assert.Equal(json.Keys, param.Keys);
        var kindDiffs = new List<string>();
        foreach (var key in json.Keys)
        {
            var (a, b) = (json[key], param[key]);
            if (a.IsNumber) Assert.True(a.Number.Equals(b.Number), $"{key}: {a} vs {b}");
            else Assert.Equal(a, b);
            if (a.Kind != b.Kind) kindDiffs.Add(key);
        }
        // HNN-core: the only type difference is sync_evinput, a bool in JSON and an int in .param.
        var expected = check["equal_value_type_differences"]!.AsObject().Select(kv => kv.Key).ToArray();
        output.WriteLine($"kind differences: {string.Join(", ", kindDiffs)} (HNN-core: {string.Join(", ", expected)})");
        Assert.Equal(expected, kindDiffs);
        Assert.Equal(ParamKind.Bool, json["sync_evinput"].Kind);
        Assert.Equal(ParamKind.Integer, param["sync_evinput"].Kind);
    }

    [Fact]
    public void ReadingKeepsOnlyTheDefaultSetAndFillsItIn()
    {
        var p = ParamsReference.Read("default.json");
        // default.json has 212 keys; prng_seedcore_evdist_2 and save_vsoma are not in the set for 2 proximal, 1 distal inputs.
        Assert.False(p.ContainsKey("prng_seedcore_evdist_2"));
        Assert.False(p.ContainsKey("save_vsoma"));
        // Filled from the built-in set.
        Assert.Equal(ParamValue.Integer(0), p["record_vsec"]);
        Assert.Equal(ParamValue.String("normal"), p["distribution_prox"]);
        Assert.Equal(ParamValue.Float(2000.0), p["L2Basket_Gauss_mu"]);
        // From the file.
        Assert.Equal(ParamValue.Integer(170), p["tstop"]);
        Assert.Equal(ParamValue.Float(0.01525), p["gbar_evprox_1_L2Pyr_ampa"]);

        var variant = ParamsReference.Read("variant.param");
        var check = ParamsReference.Json("params_check.json");
        foreach (var (key, value) in check["variant_params_as_read"]!.AsObject())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text == "<dropped>") Assert.False(variant.ContainsKey(key), key);
            else Assert.Equal(value!.GetValue<double>(), variant[key].Number);
        }
        var dropped = check["variant_keys_dropped_by_read_params"]!.AsArray().Select(k => k!.GetValue<string>()).ToArray();
        output.WriteLine($"variant.param: dropped {string.Join(", ", dropped)}");
        Assert.All(dropped, k => Assert.False(variant.ContainsKey(k)));
    }

    [Fact]
    public void EvokedInputsCountedFromTheFileSetTheDefaultSet()
    {
        // Three proximal inputs: the set gains the keys of input 3 and keeps its values.
        var p = HnnParams.Parse("{\"t_evprox_1\": 5, \"t_evprox_2\": 6, \"t_evprox_3\": 7.5, \"gbar_evprox_3_L5Basket_nmda\": 0.1}", ".json", "three.json");
        Assert.Equal(ParamValue.Float(7.5), p["t_evprox_3"]);
        Assert.Equal(ParamValue.Float(0.1), p["gbar_evprox_3_L5Basket_nmda"]);
        Assert.Equal(ParamValue.Integer(1), p["numspikes_evprox_3"]);
        Assert.False(p.ContainsKey("t_evdist_1"));
        Assert.Equal(HnnParams.Defaults().Count + 3 * 12, p.Count);
    }

    [Fact]
    public void LegacyValuesAreTypedAsPythonTypesThem()
    {
        var p = HnnParams.Parse("tstop: 170\ndt: 0.025\nT_pois: -1\nf_max_spec: 1e2\nsim_prefix: my run\nspec_cmap: 1E3\nN_trials: 1_0\r\ncelsius:37.\n", ".param", "typed.param");
        Assert.Equal(ParamValue.Integer(170), p["tstop"]);
        Assert.Equal(ParamValue.Float(0.025), p["dt"]);
        Assert.Equal(ParamValue.Integer(-1), p["T_pois"]);
        Assert.Equal(ParamValue.Float(100), p["f_max_spec"]);          // 'e' makes it a float
        Assert.Equal(ParamValue.String("my run"), p["sim_prefix"]);
        Assert.Equal(ParamValue.String("1E3"), p["spec_cmap"]);          // no '.', no 'e', not an int: a string
        Assert.Equal(ParamValue.Integer(10), p["N_trials"]);             // Python's int() allows '_'
        Assert.Equal(ParamValue.Float(37), p["celsius"]);
    }

    [Fact]
    public void WildcardsReadAndSetLikeParams()
    {
        var p = ParamsReference.Read("default.json");
        var l2 = p.Matching("gbar_L2*").Select(kv => kv.Key).ToArray();
        output.WriteLine($"gbar_L2*: {string.Join(", ", l2)}");
        Assert.Equal(["gbar_L2Pyr_L2Pyr_ampa", "gbar_L2Pyr_L2Pyr_nmda", "gbar_L2Basket_L2Pyr_gabaa", "gbar_L2Basket_L2Pyr_gabab",
            "gbar_L2Pyr_L2Basket", "gbar_L2Basket_L2Basket", "gbar_L2Pyr_L5Pyr", "gbar_L2Basket_L5Pyr", "gbar_L2Pyr_L5Basket"], l2);
        Assert.Equal(["prng_seedcore_evprox_1", "prng_seedcore_evprox_2", "prng_seedcore_evdist_1"], p.Matching("prng_seedcore_ev*").Select(kv => kv.Key));
        Assert.Single(p.Matching("tstop"));
        Assert.Equal(2, p.Matching("N_pyr_[xy]").Count);
        Assert.Throws<ParamsFileException>(() => p.Matching("nothing*"));

        var zeroed = p.With("gbar_L2Pyr_L2Pyr_*", ParamValue.Float(0));
        Assert.Equal(0, zeroed["gbar_L2Pyr_L2Pyr_ampa"].Number);
        Assert.Equal(0, zeroed["gbar_L2Pyr_L2Pyr_nmda"].Number);
        Assert.Equal(0.0005, p["gbar_L2Pyr_L2Pyr_ampa"].Number);   // the original is unchanged
        Assert.Equal(p.Count + 1, p.With("Itonic_A_L2Pyr_soma", 1.0).Count);
    }

    [Theory]
    [InlineData("params.txt", "Unrecognized extension, expected one of .json, .param. Got '.txt'")]
    [InlineData("params.JSON", "Got '.JSON'")]
    [InlineData("json", "Got ''")]
    public void BadExtensionIsRefused(string name, string expected)
    {
        var e = Assert.Throws<ParamsFileException>(() => HnnParams.ReadFile(name));
        output.WriteLine(e.Message);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith(name + ":", e.Message);
    }

    [Theory]
    [InlineData("tstop: 170\n\ndt: 0.025\n", ".param", "line 2", "no ':'")]
    [InlineData("tstop: 170\nsim_prefix: a:b\n", ".param", "line 2", "has 2 ':'")]
    [InlineData("", ".param", "", "Failed to read parameters from file")]
    [InlineData("{}", ".json", "", "Failed to read parameters from file")]
    [InlineData("[1, 2]", ".json", "", "params_input must be dict")]
    [InlineData("{\"tstop\": 170,}", ".json", "line 1", "not valid JSON")]
    public void BadContentNamesTheLine(string text, string extension, string where, string expected)
    {
        var e = Assert.Throws<ParamsFileException>(() => HnnParams.Parse(text, extension, "bad" + extension));
        output.WriteLine(e.Message);
        Assert.Equal(where, e.Where);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad" + extension + ":", e.Message);
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hnn-no-such-{Guid.NewGuid():N}.param");
        var e = Assert.Throws<ParamsFileException>(() => HnnParams.ReadFile(path));
        output.WriteLine(e.Message);
        Assert.Contains("does not exist", e.Message);
        Assert.Contains(path, e.Message);
    }
}
