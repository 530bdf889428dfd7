using System.CommandLine;
using System.Globalization;
using Hnn.Biophysics.Drives;
using Hnn.Biophysics.Simulation;
using Hnn.Host.Files;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn events EXPERIMENT.json --out events.csv`: every drive event of every trial as
/// <c>trial,drive,gid,time</c> (docs/dev/drives.md §6), times at full precision, names quoted as RFC 4180 says, written atomically.
/// --tstop, --dt, --n-trials as for `hnn simulate` (a network configuration file needs --tstop).
/// </summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var experiment = new Argument<string>("EXPERIMENT") { Description = "experiment file (JSON, docs/experiment-file.md)" };
        var output = new Option<string>("--out") { Description = "CSV file to write (trial,drive,gid,time)", Required = true };
        var command = new Command("events", "Generate the drive event times of an experiment, as HNN-core would, and write them as CSV");
        var overrides = new RunOverrides(postproc: false);
        command.Arguments.Add(experiment);
        command.Options.Add(output);
        overrides.AddTo(command);
        command.SetAction(parse => UserError.Guard("events", () =>
        {
            var path = parse.GetValue(experiment)!;
            overrides.CheckValues(parse);
            var (spec, net) = ExperimentInput.Load(path, s => overrides.Apply(parse, s));
            ExperimentInput.Check(path, () =>
            {
                ResourceEstimate.ForEvents(net, spec.TStop, spec.NTrials).ThrowIfOverLimit(
                    $"the events of {spec.NTrials} trial(s) ($.n_trials) of {net.Drives.Count} drive(s)", "fewer n_trials or fewer events per drive");
                return 0;
            });
            var trials = ExperimentInput.Check(path, () => DriveEvents.GenerateAll(net, spec.NTrials, spec.TStop));
            var outPath = parse.GetValue(output)!;
            var count = 0;
            AtomicFile.WriteText(outPath, w =>
            {
                w.Write("trial,drive,gid,time\n");
                foreach (var trial in trials)
                    foreach (var drive in trial)
                    {
                        // A drive name may hold a comma or a quote (only whitespace, control characters and '#' are refused).
                        var name = CsvField.Quote(drive.Drive);
                        for (var i = 0; i < drive.ByCell.Count; i++)
                            foreach (var t in drive.ByCell[i])
                            {
                                w.Write(string.Create(CultureInfo.InvariantCulture, $"{drive.Trial},{name},{drive.FirstGid + i},{t:R}\n"));
                                count++;
                            }
                    }
            });
            Console.WriteLine($"{count} events of {net.Drives.Count} drive(s) in {spec.NTrials} trial(s) -> {outPath}");
            return 0;
        }));
        return command;
    }
}
