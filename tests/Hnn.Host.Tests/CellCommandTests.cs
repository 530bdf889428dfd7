namespace Hnn.Host.Tests;

/// <summary>`hnn cell`: a run writes the reference columns; bad input exits 2 with one clear line and no file.</summary>
public sealed class CellCommandTests
{
    [Fact]
    public void WritesTheReferenceColumnsForASynapticRun()
    {
        var file = Path.Combine(HnnProcess.TempDir(), "l2.csv");
        var r = HnnProcess.Run("cell", "L2_pyramidal", "--syn", "ampa:apical_tuft:0.0005@10", "--tstop", "20", "--out", file);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = File.ReadAllLines(file);
        Assert.Equal("time,v_soma,v_apical_tuft_mid,i_syn_nA,g_syn_uS,v_apical_trunk,v_apical_1,v_apical_tuft,v_apical_oblique,v_basal_1,v_basal_2,v_basal_3,dipole_fAm_raw", lines[0]);
        Assert.Equal(801 + 1, lines.Length); // header + t = 0 … 20 ms
        Assert.StartsWith("0,-71.46,", lines[1]);
    }

    [Theory]
    [InlineData("unknown cell type", "cell type 'L4_stellate' is unknown; allowed: L2_basket, L2_pyramidal, L5_basket, L5_pyramidal", "L4_stellate")]
    [InlineData("unknown section", "section 'apical_9' does not exist on L5_pyramidal; allowed: soma, apical_trunk", "L5_pyramidal", "--syn", "ampa:apical_9:0.001@10")]
    [InlineData("unknown receptor", "receptor 'glu' is unknown; allowed: ampa, nmda, gabaa, gabab", "L5_pyramidal", "--syn", "glu:soma:0.001@10")]
    [InlineData("receptor absent on section", "L2_basket has no 'gabab' synapse on section 'soma'; receptors there: ampa, gabaa, nmda", "L2_basket", "--syn", "gabab:soma:0.001@10")]
    [InlineData("negative weight", "synaptic weight must be ≥ 0 µS, got -0.001", "L2_basket", "--syn", "ampa:soma:-0.001@10")]
    [InlineData("negative event time", "synaptic event time must be ≥ 0 ms, got -5", "L2_basket", "--syn", "ampa:soma:0.001@-5")]
    [InlineData("malformed --syn", "is not RECEPTOR:SECTION:WEIGHT_uS@TIME_ms", "L2_basket", "--syn", "ampa-soma")]
    [InlineData("negative tstop", "tstop must be a positive number of ms, got -10", "L2_basket", "--tstop", "-10")]
    [InlineData("negative dt", "dt must be positive and at most tstop (100 ms), got -0.025", "L2_basket", "--dt", "-0.025")]
    [InlineData("negative delay", "iclamp delay must be ≥ 0 ms, got -1", "L2_basket", "--iclamp", "0.1", "--delay", "-1")]
    [InlineData("negative duration", "iclamp duration must be ≥ 0 ms, got -50", "L2_basket", "--iclamp", "0.1", "--dur", "-50")]
    [InlineData("non-numeric tstop", "Cannot parse argument 'abc' for option '--tstop'", "L2_basket", "--tstop", "abc")]
    public void BadInputExitsWith2AndWritesNothing(string why, string message, params string[] args)
    {
        var file = Path.Combine(HnnProcess.TempDir(), "out.csv");
        var r = HnnProcess.Run(["cell", .. args, "--out", file]);
        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}, stderr {r.Stderr}");
        Assert.Contains(message, r.Stderr);
        Assert.False(File.Exists(file), $"{why}: an output file was written");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void MissingOutputFolderIsReported()
    {
        var r = HnnProcess.Run("cell", "L2_basket", "--out", "/nonexistent-folder/x.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("output folder '/nonexistent-folder' does not exist", r.Stderr);
    }
}
