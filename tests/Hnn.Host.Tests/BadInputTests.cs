using System.Diagnostics;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// Issue 10's list of inputs that used to crash, hang or mislead: each now exits 2 with one line
/// naming the argument or file, the bad value and what is allowed, and writes nothing.
/// Arguments starting with '#' prepare the case: #env:K=V sets a variable for the child,
/// #file:NAME=TEXT writes a file into the case's folder, #fifo:NAME makes a named pipe,
/// #big:NAME makes a sparse 600 MiB file.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output)
{
    private const string Net = """{"network": {"model": "jones_2009_model", "mesh_shape": [2, 2]}, "tstop": 20, "dt": 0.025, "n_trials": 1, "drives": [DRIVES]}""";
    private const string Evoked = """{"type": "evoked", "name": "ev", "mu": 5, "sigma": 1, "numspikes": 1, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}""";
    private const string Replay = """{"type": "spike_train", "name": "r", "spike_data": "SPIKES", "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}""";
    private static readonly string[] Simulate = ["simulate", "{file}", "--out", "{dir}/out"];
    private static readonly string[] Events = ["events", "{file}", "--out", "{dir}/out"];
    private const string Limit = "#env:HNN_MEMORY_LIMIT_MB=16000";

    private static string With(string drive) => Net.Replace("[DRIVES]", "[" + drive + "]");
    private static string Trials(string json, string n) => json.Replace("\"n_trials\": 1", $"\"n_trials\": {n}");

    public static TheoryData<string, string, string, string[]> Cases() => new()
    {
        // Cluster host names are checked before Akka starts (it used to time out or throw an AggregateException).
        { "simulate --cluster --host ''", With(Evoked), "--host '' is not a hostname or IP address", [.. Simulate, "--cluster", "--host", ""] },
        { "node --host 'not a host!!'", "", "--host 'not a host!!' is not a hostname or IP address; allowed:", ["node", "--host", "not a host!!", "--port", "4999"] },
        // Numbers that count or size things.
        { "tstop 1e9", Net.Replace("[DRIVES]", "[]").Replace("\"tstop\": 20", "\"tstop\": 1e9"), "$.dt: tstop 1000000000 ms with dt 0.025 ms needs 4E+10 steps; at most 2147483646 are allowed", [.. Simulate] },
        { "dt 1e-9", Net.Replace("[DRIVES]", "[]").Replace("\"dt\": 0.025", "\"dt\": 1e-9"), "$.dt: tstop 20 ms with dt 1E-09 ms needs 2E+10 steps; at most 2147483646 are allowed", [.. Simulate] },
        { "cell --tstop 1e12", "", "needs 4E+13 steps; at most 2147483646 are allowed", ["cell", "L5_pyramidal", "--tstop", "1e12", "--out", "{dir}/out"] },
        { "numspikes 2e7 written as a float", With(Evoked.Replace("\"numspikes\": 1", "\"numspikes\": 2e7")), "$.drives[0].numspikes: the number 2e7 is not allowed; allowed: an integer >= 1", [.. Events] },
        { "cell --dt 1e-7 (memory)", "", "--tstop 100 with --dt 1E-07 (1E+09 samples × 15 traces) needs about 111.8 GiB of memory", ["cell", "L5_pyramidal", "--dt", "1e-7", "--out", "{dir}/out", Limit] },
        { "cell --iclamp 1e308", "", "--iclamp 1E+308 nA is out of range; allowed: -1000 … 1000 nA", ["cell", "L5_pyramidal", "--iclamp", "1e308", "--out", "{dir}/out"] },
        { "n_trials 2147483647 (simulate)", Trials(Net.Replace("[DRIVES]", "[]"), "2147483647"), "2147483647 trial(s) ($.n_trials) of 12 cells over 20 ms ($.tstop) at dt 0.025 ms ($.dt) needs about 138 TiB of memory", [.. Simulate, Limit] },
        { "n_trials 2147483647 (events)", Trials(Net.Replace("[DRIVES]", "[]"), "2147483647"), "the events of 2147483647 trial(s) ($.n_trials) of 0 drive(s) needs about 64 GiB", [.. Events, Limit] },
        { "n_trials 2147483647 with a drive (seeds)", Trials(With(Evoked), "2147483647"), "$.drives[0] ('ev'): event_seed = 2 is invalid", [.. Simulate] },
        { "mesh_shape [1000, 1000]", Net.Replace("[2, 2]", "[1000, 1000]").Replace("[DRIVES]", "[]"), "$.network.mesh_shape: [1000, 1000] (about 9.2E+12 connection pairs) needs about 8.37 TiB", ["network", "{file}", Limit] },
        { "numspikes 2e7", With(Evoked.Replace("\"numspikes\": 1", "\"numspikes\": 20000000")), "numspikes = 20000000 is invalid: drive 'ev' would give each drive cell 2E+07 events per trial, more than the bound of 1000000", [.. Events] },
        { "rate_constant 1e9", With("""{"type": "poisson", "name": "p", "rate_constant": 1e9, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.1}}"""),
            "rate_constant = 1000000000 is invalid: drive 'p' would give each drive cell 2E+07 events per trial (20 ms of drive)", [.. Simulate] },
        { "event_seed 4294967295 with 3 trials", Trials(With(Evoked.Replace("\"mu\": 5", "\"event_seed\": 4294967295, \"mu\": 5")), "3"),
            "event_seed = 4294967295 is invalid: drive 'ev' draws trial k's drive cell i from seed event_seed + k·n_gids + i (n_gids = 16, 4 drive cells), which with n_trials = 3 reaches 4294967330, beyond 2**32 - 1. Allowed: event_seed 0 … 4294967260 for 3 trial(s).", [.. Events] },
        { "tonic bias 1e308 nA", Net.Replace("[DRIVES]", "[], \"tonic_biases\": [{\"amplitude\": {\"L5_pyramidal\": 1e308}}]"),
            "$.tonic_biases[0]: amplitude['L5_pyramidal'] = 1E+308 is invalid: a current this large overflows the cell model. Allowed: -1000 … 1000 (nA).", [.. Simulate] },
        { "bench cells --cells 2147483647", "", "--cells 2147483647 is too many for one L5_pyramidal population (64 nodes per cell); allowed: 1 … 33554431", ["bench", "cells", "--cells", "2147483647"] },
        { "bench cells --cells 30000000 (memory)", "", "--cells 30000000 needs about", ["bench", "cells", "--cells", "30000000", Limit] },
        { "bench erp --mesh 1000", "", "--mesh 1000 (about 9.2E+12 connection pairs) needs about 8.37 TiB of memory", ["bench", "erp", "--mesh", "1000", Limit] },
        { "bench erp --shards 100000", "", "--shards 100000 is more than the largest cell type has cells (4); allowed: 1 … 4", ["bench", "erp", "--mesh", "2", "--shards", "100000"] },
        { "--out below a file", With(Evoked), "output folder '{file}/out' cannot be made: '{file}' is a file, not a folder", ["simulate", "{file}", "--out", "{file}/out"] },
        { "n_drive_cells 2147483647", With(Evoked.Replace("\"numspikes\": 1", "\"numspikes\": 1, \"n_drive_cells\": 2147483647, \"cell_specific\": false")),
            "n_drive_cells = 2147483647 is invalid: more drive cells than gids and connections can be held for. Allowed: an integer 1 … 10000000.", [.. Events] },
        // Drive names end up in whitespace-separated spike files.
        { "drive name with a space", With(Evoked.Replace("\"ev\"", "\"my drive\"")), "name = 'my drive' is invalid: it contains a space", [.. Simulate] },
        { "drive name with a tab", With(Evoked.Replace("\"ev\"", "\"my\\tdrive\"")), "name = 'my\\tdrive' is invalid: it contains a tab", [.. Simulate] },
        { "drive name with a newline", With(Evoked.Replace("\"ev\"", "\"my\\ndrive\"")), "name = 'my\\ndrive' is invalid: it contains a line break", [.. Simulate] },
        { "drive name with a NUL", With(Evoked.Replace("\"ev\"", "\"my\\u0000drive\"")), "name = 'my\\0drive' is invalid: it contains a NUL character", [.. Simulate] },
        // Spike data.
        { "negative gid in a spike file", With(Replay.Replace("SPIKES", "neg.txt")), "neg.txt:1: gid -3 is negative; allowed: gids >= 0", [.. Simulate, "#file:neg.txt=1.0\t-3\tL5_pyramidal\n"] },
        { "negative gid in [time, gid] events", With(Replay.Replace("\"SPIKES\"", "[[1.0, -3]]")), "spike_data = -3 is invalid: a [time, gid] event has a negative gid. Allowed: gids >= 0.", [.. Simulate] },
        { "spike_data /dev/zero", With(Replay.Replace("SPIKES", "/dev/zero")), "spike file '/dev/zero' is a device, not a regular file; allowed: a regular file of at most 512 MiB", [.. Events] },
        { "spike_data a FIFO", With(Replay.Replace("SPIKES", "pipe.txt")), "pipe.txt' is a FIFO (named pipe), not a regular file; allowed: a regular file of at most 512 MiB", [.. Events, "#fifo:pipe.txt"] },
        { "spike file over the size limit", With(Replay.Replace("SPIKES", "big.txt")), "big.txt' is 600 MiB, more than the limit of 512 MiB for spike files", [.. Events, "#big:big.txt"] },
        { "binary garbage as a spike file", With(Replay.Replace("SPIKES", "bin.txt")), "bin.txt:1: spike time '?\u00ff?' is not a number",
            [.. Events, "#file:bin.txt=\u0001\u00ff\u0002 0 L5_pyramidal\n"] },
        // Experiment files.
        { "experiment file is a folder", "", "experiment file '{dir}' is a folder, not a regular file", ["network", "{dir}"] },
        { "experiment file /dev/zero", "", "experiment file '/dev/zero' is a device, not a regular file; allowed: a regular file of at most 64 MiB", ["simulate", "/dev/zero", "--out", "{dir}/out"] },
        { "experiment file a FIFO", "", "experiment file '{dir}/pipe.json' is a FIFO (named pipe)", ["events", "{dir}/pipe.json", "--out", "{dir}/out", "#fifo:pipe.json"] },
        { "experiment file over the size limit", "", "big.json' is 600 MiB, more than the limit of 64 MiB for experiment files", ["network", "{dir}/big.json", "#big:big.json"] },
        // The memory limit variable itself.
        { "HNN_MEMORY_LIMIT_MB not a number", With(Evoked), "HNN_MEMORY_LIMIT_MB = 'lots' is invalid; allowed: a whole number of MiB >= 1", [.. Simulate, "#env:HNN_MEMORY_LIMIT_MB=lots"] },
        { "memory limit below the run", With(Evoked).Replace("[2, 2]", "[10, 10]"), "1 trial(s) ($.n_trials) of 270 cells over 20 ms ($.tstop) at dt 0.025 ms ($.dt) needs about 7.1 MiB of memory (cell state 4.3 MiB", [.. Simulate, "#env:HNN_MEMORY_LIMIT_MB=2"] },
        // Existing output folders that hold something else.
        { "--out holds other files", With(Evoked), "--out '{dir}/keep' exists and holds 'notes.txt', which is not an output of an hnn run", ["simulate", "{file}", "--out", "{dir}/keep", "#file:keep/notes.txt=mine"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExitsWith2WithOneClearLineAndWritesNothing(string why, string fileText, string message, string[] args)
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, fileText);
        var environment = new Dictionary<string, string>();
        foreach (var a in args.Where(a => a.StartsWith('#')))
        {
            var (kind, rest) = (a[1..a.IndexOf(':')], a[(a.IndexOf(':') + 1)..]);
            var (name, text) = rest.Contains('=') ? (rest[..rest.IndexOf('=')], rest[(rest.IndexOf('=') + 1)..]) : (rest, "");
            var path = Path.Combine(dir, name);
            switch (kind)
            {
                case "env": environment[name] = text; break;
                case "file": Directory.CreateDirectory(Path.GetDirectoryName(path)!); File.WriteAllText(path, text); break;
                case "fifo": Process.Start("mkfifo", path)!.WaitForExit(); break;
                case "big": using (var f = File.Create(path)) f.SetLength(600L << 20); break;
            }
        }
        var argv = args.Where(a => !a.StartsWith('#')).Select(a => a.Replace("{dir}", dir).Replace("{file}", file)).ToArray();
        var before = Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order().ToArray();

        var r = HnnProcess.RunWithEnvironment(environment, argv);
        output.WriteLine($"{why}: exit {r.ExitCode}; {r.Stderr.Trim()}");

        Assert.True(r.ExitCode == 2, $"{why}: exit {r.ExitCode}; stderr: {r.Stderr}");
        Assert.Contains(message.Replace("{dir}", dir).Replace("{file}", file), r.Stderr);
        Assert.True(r.Stderr.Trim().Split('\n').Length == 1, $"{why}: expected one line, got: {r.Stderr}");
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal(before, Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order().ToArray());
    }

    public static TheoryData<string, string, string, string[]> Diverging() => new()
    {
        { "drive weight 1e308", With(Evoked.Replace("\"L5_pyramidal\": 0.1", "\"L5_pyramidal\": 1e308")),
            "hnn simulate: the simulation diverged: the dipole 'agg' of trial 0 is not a finite number from t = ", [.. Simulate] },
        { "cell --syn weight 1e308", "", "hnn cell: the simulation diverged: the trace v_soma is not a finite number from t = 1.05 ms on",
            ["cell", "L2_basket", "--syn", "ampa:soma:1e308@1", "--out", "{dir}/out"] },
    };

    /// <summary>A kernel path that does not exist, or that this CPU lacks, is refused before anything runs.</summary>
    [Theory]
    [InlineData("sse", "not a kernel path")]
    [InlineData("neon", "allowed: avx512, avx2, portable")]
    public void ABadSimdPathExitsWith2NamingTheValueAndTheAllowedOnes(string value, string message)
    {
        var dir = HnnProcess.TempDir();
        var r = HnnProcess.RunWithEnvironment(new Dictionary<string, string> { ["HNN_SIMD"] = value }, "bench", "cells", "--cells", "1", "--tstop", "1");
        output.WriteLine($"HNN_SIMD={value}: exit {r.ExitCode}; {r.Stderr.Trim()}");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains($"HNN_SIMD={value}", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    /// <summary>A run that blows up to NaN is not written as if it were a result: one line, exit 1, nothing written.</summary>
    [Theory]
    [MemberData(nameof(Diverging))]
    public void ADivergedRunExitsWith1AndWritesNothing(string why, string fileText, string message, string[] args)
    {
        var dir = HnnProcess.TempDir();
        var file = Path.Combine(dir, "experiment.json");
        File.WriteAllText(file, fileText);
        var r = HnnProcess.Run(args.Select(a => a.Replace("{dir}", dir).Replace("{file}", file)).ToArray());
        output.WriteLine($"{why}: exit {r.ExitCode}; {r.Stderr.Trim()}");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal(new[] { "experiment.json" }, Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)).ToArray());
    }

    [Fact]
    public void AWriteToAFullDeviceFailsNamingTheFileAndLeavesTheDevice()
    {
        if (!File.Exists("/dev/full"))
        {
            output.WriteLine("no /dev/full on this machine: nothing to check");
            return;
        }
        var r = HnnProcess.Run("events", TestData.Example("bursty.json"), "--out", "/dev/full");
        output.WriteLine($"exit {r.ExitCode}; {r.Stderr.Trim()}");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("writing '/dev/full' failed: No space left on device", r.Stderr);
        // Renaming a temporary file over it would have replaced the device with a regular file.
        Assert.Equal("a device", Hnn.Biophysics.Recording.InputFile.KindOf("/dev/full"));
    }
}
