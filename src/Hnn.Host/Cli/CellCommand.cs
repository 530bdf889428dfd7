using System.CommandLine;
using System.Globalization;
using Hnn.Biophysics.Cells;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn cell TYPE [--iclamp nA] [--delay ms] [--dur ms] [--syn RECEPTOR:SECTION:WEIGHT@TIME]...
/// [--tstop ms] [--dt ms] --out FILE.csv`: one isolated cell, every step recorded.
/// </summary>
internal static class CellCommand
{
    /// <summary>Beyond any current a cell survives; much larger values overflow the solver.</summary>
    private const double MaxClampNa = 1000;

    public static Command Create()
    {
        var type = new Argument<string>("TYPE") { Description = $"cell type: {string.Join(", ", CellTemplates.Names)}" };
        var iclamp = new Option<double?>("--iclamp") { Description = "IClamp amplitude at soma(0.5) (nA)" };
        var delay = new Option<double>("--delay") { Description = "IClamp onset (ms)", DefaultValueFactory = _ => 10.0 };
        var dur = new Option<double>("--dur") { Description = "IClamp duration (ms)", DefaultValueFactory = _ => 50.0 };
        var syn = new Option<string[]>("--syn")
        {
            Description = "synaptic event RECEPTOR:SECTION:WEIGHT_uS@TIME_ms (arrival time), repeatable",
            DefaultValueFactory = _ => [],
        };
        var tstop = new Option<double>("--tstop") { Description = "simulated time (ms)", DefaultValueFactory = _ => 100.0 };
        var dt = new Option<double>("--dt") { Description = "time step (ms)", DefaultValueFactory = _ => 0.025 };
        var output = new Option<string>("--out") { Description = "CSV file to write", Required = true };

        var command = new Command("cell", "Simulate one isolated cell and write its traces as CSV");
        command.Arguments.Add(type);
        foreach (var o in new Option[] { iclamp, delay, dur, syn, tstop, dt, output }) command.Options.Add(o);
        command.SetAction(parse => UserError.Guard("cell", () =>
        {
            var protocol = new SingleCellProtocol(
                parse.GetValue(type)!,
                parse.GetValue(tstop),
                parse.GetValue(dt),
                parse.GetValue(iclamp) is { } amp ? new CurrentClampInput(amp, parse.GetValue(delay), parse.GetValue(dur)) : null,
                parse.GetValue(syn)!.Select(ParseSynapticInput).ToArray());
            var template = protocol.Validate();
            if (protocol.Clamp is { Amplitude: var clampNa } && !(Math.Abs(clampNa) <= MaxClampNa))
                throw new ArgumentException($"--iclamp {clampNa.ToString(CultureInfo.InvariantCulture)} nA is out of range; allowed: -{MaxClampNa} … {MaxClampNa} nA");
            // Every step of every trace is held until the CSV is written.
            var samples = TimeGrid.Create(protocol.Tstop, protocol.Dt).StepCount + 1.0;
            var traces = template.Sections.Count + 6;
            new ResourceEstimate(0, samples * traces * 8, 0, 0).ThrowIfOverLimit(
                $"--tstop {protocol.Tstop.ToString(CultureInfo.InvariantCulture)} with --dt {protocol.Dt.ToString(CultureInfo.InvariantCulture)} ({samples:G4} samples × {traces} traces)",
                "a larger --dt or a shorter --tstop");
            var path = parse.GetValue(output)!;
            var run = protocol.Run();
            Divergence.Check(run.Traces);
            AtomicFile.WriteText(path, run.Traces.WriteCsv);
            var times = string.Join(" ", run.SpikeTimes.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)));
            Console.WriteLine($"{protocol.CellType}: {run.Traces.RowCount} samples, {run.SpikeTimes.Count} spike(s){(times.Length > 0 ? " at " + times + " ms" : "")} -> {path}");
            return 0;
        }));
        return command;
    }

    /// <summary>RECEPTOR:SECTION:WEIGHT@TIME, e.g. ampa:apical_tuft:0.0005@10.</summary>
    internal static SynapticInput ParseSynapticInput(string text)
    {
        var at = text.Split('@');
        var parts = at[0].Split(':');
        if (at.Length != 2 || parts.Length != 3)
            throw new ArgumentException($"--syn '{text}' is not RECEPTOR:SECTION:WEIGHT_uS@TIME_ms (e.g. ampa:apical_tuft:0.0005@10)");
        return new SynapticInput(parts[0], parts[1], Number(parts[2], "weight", text), Number(at[1], "time", text));
    }

    private static double Number(string s, string what, string text) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArgumentException($"--syn '{text}': {what} '{s}' is not a number");
}
