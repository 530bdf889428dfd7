using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Morphology;
using Hnn.Biophysics.Network;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Cells;

/// <summary>
/// Cells from a description (docs/dev/cells.md §3.8): a built-in type re-described gives the very
/// same trace; the rules of a description are enforced with messages naming the bad value.
/// </summary>
public sealed class CellDescriptionTests(ITestOutputHelper output)
{
    private static CellTemplate Redescribe(CellTemplate t, Func<string, IReadOnlyList<Mechanism>, IReadOnlyList<Mechanism>>? edit = null,
        IReadOnlyList<SectionSpec>? sections = null) =>
        CellTemplate.Create(t.Name, sections ?? t.Sections,
            t.Mechanisms.ToDictionary(kv => kv.Key, kv => edit is null ? kv.Value : edit(kv.Key, kv.Value)),
            t.Synapses, t.ProximalSections, t.DistalSections, t.MeasuresDipole);

    // Soma clamp 5–45 ms and one distal AMPA event: the L5 cell fires and its calcium moves.
    private static double[] Trace(CellTemplate t)
    {
        var p = new Population(t, 1, 0.025);
        p.AddCurrentClamp(0, "soma", 0.5, 5.0, 40.0, 0.6);
        p.Schedule(12.3, 0, p.SynapseIndex(t.DistalSections.Count > 0 ? t.DistalSections[0] : "soma", "ampa"), 0.004);
        var v = new double[2400];
        for (var k = 0; k < v.Length; k++)
        {
            p.Step();
            v[k] = p.Voltage(0, "soma", 0.5) + p.Dipoles[0];
        }
        return v;
    }

    private static double MaxDiff(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Theory]
    [InlineData(CellTemplates.L5Pyramidal)]
    [InlineData(CellTemplates.L2Pyramidal)]
    [InlineData(CellTemplates.L5Basket)]
    public void ARedescribedBuiltInTypeGivesTheSameTrace(string type)
    {
        var builtIn = CellTemplates.ForType(type);
        // Sections given soma-last, as HNN-core's files list them: put back in tree order.
        var shuffled = builtIn.Sections.Skip(1).Append(builtIn.Sections[0]).ToArray();
        var copy = Redescribe(builtIn, sections: shuffled);
        Assert.Equal(builtIn.SectionNames, copy.SectionNames);
        var diff = MaxDiff(Trace(builtIn), Trace(copy));
        output.WriteLine($"{type}: max |Δ(v + dipole)| = {diff:E2}");
        Assert.Equal(0.0, diff);
    }

    [Fact]
    public void AMechanismLeftOutOfASectionEqualsZeroDensityThere()
    {
        var l2 = CellTemplates.ForType(CellTemplates.L2Pyramidal);
        IReadOnlyList<Mechanism> NoKm(string section, IReadOnlyList<Mechanism> list) =>
            section == "apical_tuft" ? list.Where(m => m.Name != "km").ToArray() : list;
        IReadOnlyList<Mechanism> ZeroKm(string section, IReadOnlyList<Mechanism> list) =>
            section == "apical_tuft" ? list.Select(m => m.Name == "km" ? new Mechanism("km", ("gbar_km", 0.0)) : m).ToArray() : list;
        var without = Trace(Redescribe(l2, NoKm));
        var zero = Trace(Redescribe(l2, ZeroKm));
        var original = Trace(l2);
        output.WriteLine($"no km in the tuft vs gbar_km 0 there: {MaxDiff(without, zero):E2}; vs the original: {MaxDiff(without, original):E2}");
        Assert.Equal(0.0, MaxDiff(without, zero));
        Assert.True(MaxDiff(without, original) > 1e-6, "removing km from the tuft must change the cell");
    }

    [Fact]
    public void AnEditedParameterChangesTheCellAndUnsetParametersTakeTheModDefault()
    {
        var basket = CellTemplates.ForType(CellTemplates.L2Basket);
        // The basket's hh2 sets nothing: listing the mod defaults explicitly is the same cell.
        var explicitDefaults = Redescribe(basket, (_, _) =>
            [new Mechanism("hh2", ("gkbar_hh2", 0.036), ("gnabar_hh2", 0.12), ("gl_hh2", 0.0003), ("el_hh2", -54.3))]);
        Assert.Equal(0.0, MaxDiff(Trace(basket), Trace(explicitDefaults)));
        var edited = Redescribe(basket, (_, _) => [new Mechanism("hh2", ("gnabar_hh2", 0.06))]);
        var diff = MaxDiff(Trace(basket), Trace(edited));
        output.WriteLine($"gnabar_hh2 0.12 → 0.06 changes the trace by up to {diff:F3}");
        Assert.True(diff > 1.0);
    }

    [Fact]
    public void APerSegmentValueIsUsedPerSegment()
    {
        var l5 = CellTemplates.ForType(CellTemplates.L5Pyramidal);
        var tuft = l5.Section("apical_tuft");
        var values = l5.MechanismOf("apical_tuft", "ar")!.Parameters[0].PerSegment!;
        Assert.Equal(tuft.SegmentCount, values.Count);
        // Uniform 10× density in the tuft differs from the rule; the rule re-given per segment does not.
        IReadOnlyList<Mechanism> Ar(string s, IReadOnlyList<Mechanism> list, MechanismParameter p) =>
            s == "apical_tuft" ? list.Select(m => m.Name == "ar" ? new Mechanism("ar", [p]) : m).ToArray() : list;
        var same = Redescribe(l5, (s, l) => Ar(s, l, new MechanismParameter("gbar_ar", 0.0, values.ToArray())));
        var uniform = Redescribe(l5, (s, l) => Ar(s, l, new MechanismParameter("gbar_ar", 10 * values[^1])));
        Assert.Equal(0.0, MaxDiff(Trace(l5), Trace(same)));
        Assert.True(MaxDiff(Trace(l5), Trace(uniform)) > 1e-3);
    }

    public static TheoryData<string, string> BadDescriptions => new()
    {
        { "no soma", "no 'soma' section" },
        { "duplicate section", "section 'apical_trunk' is given twice" },
        { "orphan", "hangs on 'nowhere', which the cell does not have" },
        { "negative L", "section 'apical_1': L = -5; allowed: a finite number > 0 (µm)" },
        { "interior attachment", "hangs at x = 0.5 of 'apical_trunk'; allowed: the parent's 0 or 1 end" },
        { "unknown mechanism", "mechanism 'hh3' is not supported; allowed: hh2, ca, cad, kca, km, cat, ar" },
        { "unknown parameter", "'gbar_hh2' is not a parameter of hh2; allowed: gkbar_hh2, gnabar_hh2, gl_hh2, el_hh2" },
        { "short list", "gbar_ar has 2 per-segment values; allowed: 9, one per segment" },
        { "negative density", "gbar_km = -1; allowed: a finite number >= 0 (pS/µm²)" },
        { "ca without cad", "section 'soma' has ca but not cad" },
        { "bad synapse", "synapse 'soma_gabaa' has e = -80, tau1 = 5, tau2 = 0.5" },
        { "bad sect_loc", "sect_loc names section 'apical_9'" },
        { "same end points", "section 'soma': end_pts" },
    };

    [Theory]
    [MemberData(nameof(BadDescriptions))]
    public void ABadDescriptionFailsNamingTheValue(string what, string expected)
    {
        var l5 = CellTemplates.ForType(CellTemplates.L5Pyramidal);
        var sections = l5.Sections.ToList();
        var mechanisms = l5.Mechanisms.ToDictionary(kv => kv.Key, kv => kv.Value);
        var synapses = l5.Synapses.ToList();
        var distal = l5.DistalSections.ToList();
        SectionSpec S(string name) => sections.First(s => s.Name == name);
        void Replace(SectionSpec old, SectionSpec @new) => sections[sections.IndexOf(old)] = @new;
        IReadOnlyList<Mechanism> With(string section, Mechanism m) =>
            mechanisms[section].Where(x => x.Name != m.Name).Append(m).ToArray();
        switch (what)
        {
            case "no soma": Replace(S("soma"), S("soma") with { Name = "body" }); break;
            case "duplicate section": sections.Add(S("apical_trunk")); break;
            case "orphan": Replace(S("basal_3"), S("basal_3") with { Parent = "nowhere" }); break;
            case "negative L": Replace(S("apical_1"), S("apical_1") with { Length = -5 }); break;
            case "interior attachment": Replace(S("apical_1"), S("apical_1") with { ParentEnd = 0.5 }); break;
            case "unknown mechanism": mechanisms["soma"] = With("soma", new Mechanism("hh3")); break;
            case "unknown parameter": mechanisms["soma"] = With("soma", new Mechanism("hh2", ("gbar_hh2", 1.0))); break;
            case "short list":
                mechanisms["apical_tuft"] = With("apical_tuft", new Mechanism("ar", [new MechanismParameter("gbar_ar", 0, [1e-6, 2e-6])])); break;
            case "negative density": mechanisms["soma"] = With("soma", new Mechanism("km", ("gbar_km", -1.0))); break;
            case "ca without cad": mechanisms["soma"] = mechanisms["soma"].Where(m => m.Name != "cad").ToArray(); break;
            case "bad synapse":
                synapses[synapses.FindIndex(s => s.Name == "soma_gabaa")] = new SynapseSpec("soma", "gabaa", -80, 5.0, 0.5); break;
            case "bad sect_loc": distal = ["apical_9"]; break;
            case "same end points": Replace(S("soma"), S("soma") with { End = S("soma").Start }); break;
        }
        var e = Assert.Throws<ArgumentException>(() =>
            CellTemplate.Create("L5_pyramidal", sections, mechanisms, synapses, l5.ProximalSections, distal, true));
        output.WriteLine(e.Message);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("cell type 'L5_pyramidal': ", e.Message);
    }

    [Fact]
    public void ANetworkKeepsTheTemplatesOfItsPopulations()
    {
        // The default column with one edited L5 template: FromCells keeps it; shards build from TemplateOf.
        var net = Jones2009.Create(new MeshShape(3, 3));
        var l5 = net.TemplateOf(CellTemplates.L5Pyramidal);
        var edited = Redescribe(l5, (s, list) => s == "soma" ? list.Select(m => m.Name == "km" ? new Mechanism("km", ("gbar_km", 600.0)) : m).ToArray() : list);
        var cells = net.CellTypes.Select(c => c.Name == CellTemplates.L5Pyramidal ? c with { Template = edited } : c).ToArray();
        var custom = NetworkSpec.FromCells(net.MeshShape, false, cells, net.Origin);
        Assert.Same(edited, custom.TemplateOf(CellTemplates.L5Pyramidal));
        Assert.Same(CellTemplates.ForType(CellTemplates.L2Basket), custom.TemplateOf(CellTemplates.L2Basket));
        var e = Assert.Throws<ArgumentException>(() => custom.TemplateOf("L6_pyramidal"));
        Assert.Contains("L6_pyramidal", e.Message);
    }
}
