using Hnn.Biophysics.Extracellular;
using Hnn.Biophysics.Morphology;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Extracellular;

/// <summary>ElectrodeArraySpec's and LaminarGeometry's checks (docs/dev/extracellular.md §2, §9), against HNN-core's messages in tests/data/lfp/summary.json.</summary>
public sealed class ElectrodeArraySpecTests(ITestOutputHelper output)
{
    private static readonly Point3[] One = [new(0, 0, 0)];

    private string Hnn(string name)
    {
        var v = LfpReference.Summary.GetProperty("facts").GetProperty("validation").GetProperty(name);
        return v.GetProperty("ok").GetBoolean() ? "ok" : v.GetProperty("message").GetString()!;
    }

    private ArgumentException Throws(Func<object> make, string hnnCase, params string[] contains)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);
        output.WriteLine($"{hnnCase}: {e.Message}\n    HNN-core: {Hnn(hnnCase)}");
        foreach (var c in contains) Assert.Contains(c, e.Message);
        return e;
    }

    [Fact]
    public void Defaults()
    {
        var a = new ElectrodeArraySpec("shank", One);
        Assert.Equal(0.3, a.Conductivity);
        Assert.Equal("psa", a.Method);
        Assert.Equal(0.5, a.MinDistance);
        Assert.Equal(1, a.ContactCount);
    }

    [Fact]
    public void BadArgumentsNameTheValueAndWhatIsAllowed()
    {
        Throws(() => new ElectrodeArraySpec("a", One, conductivity: 0.0), "conductivity_zero", "conductivity = 0", "conductivity must be a positive number", "> 0");
        Throws(() => new ElectrodeArraySpec("a", One, conductivity: -1.0), "conductivity_negative", "conductivity = -1", "positive");
        Throws(() => new ElectrodeArraySpec("a", One, minDistance: 0.0), "min_distance_zero", "minDistance = 0", "min_distance must be a positive number");
        Throws(() => new ElectrodeArraySpec("a", One, method: "csd"), "method_unknown", "'csd'", "'psa', 'lsa'");
        Assert.Contains("'psa', and 'lsa'", Hnn("method_unknown"));
        var e = Assert.ThrowsAny<ArgumentException>(() => new ElectrodeArraySpec("a", []));
        Assert.Contains("positions", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => new ElectrodeArraySpec("", One));
        Assert.Contains("name", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => new ElectrodeArraySpec("a", [new Point3(0, double.NaN, 0)]));
        Assert.Contains("positions[0]", e.Message);
        output.WriteLine(e.Message);
    }

    [Fact]
    public void LaminarGeometryFollowsHnnCore()
    {
        Throws(() => LaminarGeometry.Of([new Point3(0, 0, 0)]), "laminar_one_contact", "1 contact", "more than one contact");
        Throws(() => LaminarGeometry.Of([new(0, 0, 0), new(0, 0, 100), new(0, 0, 250)]), "laminar_unequal_spacing", "equally spaced");
        Throws(() => LaminarGeometry.Of([new(0, 0, 0), new(100, 0, 0), new(200, 0, 0)]), "laminar_no_z_change", "change in z");
        Throws(() => LaminarGeometry.Of([new(0, 0, 0), new(0, 0, 100), new(0, 100, 100)]), "laminar_not_colinear", "colinear");
        var (z, d) = LaminarGeometry.Of([new(0, 0, 200), new(0, 0, 100), new(0, 0, 0)]);
        Assert.Equal([200.0, 100.0, 0.0], z);
        Assert.Equal(100.0, d);
        (z, d) = LaminarGeometry.Of([new(0, 0, 0), new(30, 40, 120), new(60, 80, 240)]);
        Assert.Equal(120.0, d); // the z step, not the contact distance (§9)
        Assert.Equal(LfpReference.Summary.GetProperty("facts").GetProperty("validation").GetProperty("laminar_tilted").GetProperty("delta").GetDouble(), d);
    }
}
