using System.Text.Json.Nodes;
using Hnn.Biophysics.NetworkConfig;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.NetworkConfig;

/// <summary>Broken files fail with one error naming the JSON path, the bad value and what is allowed.</summary>
public class BadConfigFileTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("wrong_object_type.json", "$.object_type", "The json should encode a Network object. The file contains object of type Dipole")]
    [InlineData("missing_key.json", "$.cell_types.L5_pyramidal.cell_object.sections.apical_tuft.diam", "missing")]
    // HNN-core reads this one and leaves the last segment's gbar_ar at 0.
    [InlineData("segment_list_length.json", "$.cell_types.L5_pyramidal.cell_object.sections.apical_tuft.mechs.ar.gbar_ar", "9 positions and 8 values")]
    public void HnnCoresBrokenFiles(string file, string path, string message)
    {
        var e = Assert.Throws<NetworkConfigFileException>(() => NetworkConfigFile.Read(ConfigFiles.Path("bad", file)));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Message);
        Assert.StartsWith(ConfigFiles.Path("bad", file), e.Message);
    }

    private const string Soma5 = "cell_types.L5_pyramidal.cell_object.sections.soma";

    public static TheoryData<string, string, string> Edits() => new()
    {
        { "extra=1", "$.extra", "unknown key" },
        { "celsius=36.0", "$.celsius", "allowed: 37" },
        { "threshold=-10.0", "$.threshold", "detects spikes at 0 mV" },
        { "N_pyr_x=\"5\"", "$.N_pyr_x", "the string \"5\" is not allowed" },
        { $"{Soma5}.mechs.km.gbar_km=\"high\"", $"$.{Soma5}.mechs.km.gbar_km", "allowed: a number, or [[x...], [value...]]" },
        { $"{Soma5}.mechs.nav={{}}", $"$.{Soma5}.mechs.nav", "unknown mechanism; allowed: hh2" },
        { $"{Soma5}.mechs.km.gbar_kmx=1.0", $"$.{Soma5}.mechs.km.gbar_kmx", "unknown key; allowed keys here: gbar_km" },
        { $"{Soma5}.L=-3.0", $"$.{Soma5}.L", "-3 is not allowed" },
        { $"{Soma5}.syns=[\"ampa2\"]", $"$.{Soma5}.syns[0]", "\"ampa2\" is not allowed" },
        { "cell_types.L5_pyramidal.cell_object.cell_tree.soma,1=[\"apical_trunk,1\"]", "$.cell_types.L5_pyramidal.cell_object.cell_tree.soma,1[0]", "attaches by its 0 end" },
        { "cell_types.L5_pyramidal.cell_metadata.measure_dipole=1", "$.cell_types.L5_pyramidal.cell_metadata.measure_dipole", "allowed: true or false" },
        { "gid_ranges.evprox2.start=201", "$.gid_ranges.evprox2", "give {start: 200, stop: 270}" },
        { "external_drives.evprox1.dynamics.sigma=-1.0", "$.external_drives.evprox1", "Standard deviation cannot be negative" },
        { "external_drives.evprox1.name=\"other\"", "$.external_drives.evprox1.name", "stored under \"evprox1\"" },
        { "connectivity[0].nc_dict.A_weight=-1.0", "$.connectivity[0]", "weight = -1 is invalid" },
        { "connectivity[0].probability=1.5", "$.connectivity[0].probability", "(0, 1]" },
        { "connectivity[0].allow_autapses=2", "$.connectivity[0].allow_autapses", "allowed: 0 or 1" },
        { "connectivity[0].src_type=\"L5_basket\"", "$.connectivity[0].src_type", "gids of 'L2_pyramidal'" },
        { "connectivity[0].gid_pairs.x=[1]", "$.connectivity[0].gid_pairs.x", "a source gid written as a string" },
        { "pos_dict.L2_basket[0]=[1.0, 2.0]", "$.pos_dict.L2_basket[0]", "a point [x, y, z]" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void EditedErpFilesFail(string edit, string path, string message)
    {
        var root = JsonNode.Parse(ConfigFiles.Text("erp"))!;
        Apply(root, edit);
        var e = Assert.Throws<NetworkConfigFileException>(() => NetworkConfigFile.Parse(root.ToJsonString(), "edited.json"));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void OutputsAreIgnoredWithANote()
    {
        var root = JsonNode.Parse(ConfigFiles.Text("erp"))!;
        Apply(root, "rec_arrays.shank={\"positions\": [[0, 0, 0]]}");
        Apply(root, "cell_response.spike_times=[[1.0]]");
        Apply(root, "external_drives.evdist1.events=[[[63.0]]]");
        var config = NetworkConfigFile.Parse(root.ToJsonString(), "outputs.json");
        foreach (var n in config.Notes) output.WriteLine(n);
        Assert.Equal(3, config.Notes.Count);
        Assert.Contains(config.Notes, n => n.StartsWith("$.rec_arrays.shank", StringComparison.Ordinal));
    }

    [Fact]
    public void NotJson()
    {
        var e = Assert.Throws<NetworkConfigFileException>(() => NetworkConfigFile.Parse("{\"object_type\": ", "broken.json"));
        output.WriteLine(e.Message);
        Assert.StartsWith("broken.json: $ (line 1", e.Message);
    }

    /// <summary>"a.b[2].c=JSON": set (or add) the value at a dotted path.</summary>
    private static void Apply(JsonNode root, string edit)
    {
        var eq = edit.IndexOf('=');
        var value = JsonNode.Parse(edit[(eq + 1)..]);
        var parts = edit[..eq].Split('.');
        var node = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var (key, index) = Split(parts[i]);
            var last = i == parts.Length - 1;
            if (index is { } k)
            {
                node = node[key]!;
                if (last) node[k] = value;
                else node = node[k]!;
            }
            else if (last) node[key] = value;
            else node = node[key]!;
        }
    }

    private static (string Key, int? Index) Split(string part)
    {
        var b = part.IndexOf('[');
        return b < 0 ? (part, null) : (part[..b], int.Parse(part[(b + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
