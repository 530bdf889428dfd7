using System.CommandLine;
using System.Globalization;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>
/// The options of `hnn simulate` that replace an experiment file's run settings: --tstop, --dt,
/// --n-trials, and the dipole post-processing --smooth, --scale (each replaces its own key of the
/// file's "postproc", the other stays). A value wrong on its own is refused naming the option; a
/// combination that fails the file's own rules (dt ≤ tstop, a window that fits the run) names the
/// option and the file's value it meets. `hnn events` and `hnn network` take the run settings only
/// (<c>postproc: false</c>): they need a tstop for a network configuration file, which has none.
/// </summary>
internal sealed class RunOverrides(bool postproc = true)
{
    private readonly Option<double?> _tstop = new("--tstop") { HelpName = "MS", Description = "simulated time (ms), instead of the file's tstop" };
    private readonly Option<double?> _dt = new("--dt") { HelpName = "MS", Description = "time step (ms), instead of the file's dt" };
    private readonly Option<int?> _nTrials = new("--n-trials") { HelpName = "N", Description = "trials, instead of the file's n_trials" };
    private readonly Option<double?> _smooth = new("--smooth") { HelpName = "MS", Description = "Hamming-smooth every trial's dipole over MS ms (0: none), instead of the file's postproc.smooth" };
    private readonly Option<double?> _scale = new("--scale") { HelpName = "F", Description = "then multiply every trial's dipole by F, instead of the file's postproc.scale" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _tstop, _dt, _nTrials }) command.Options.Add(o);
        if (postproc) { command.Options.Add(_smooth); command.Options.Add(_scale); }
    }

    private double? Smooth(ParseResult parse) => postproc ? parse.GetValue(_smooth) : null;
    private double? Scale(ParseResult parse) => postproc ? parse.GetValue(_scale) : null;

    /// <summary>Checks each given value on its own (before the file is read).</summary>
    public void CheckValues(ParseResult parse)
    {
        if (parse.GetValue(_tstop) is { } tstop && !(double.IsFinite(tstop) && tstop > 0))
            throw new ArgumentException($"--tstop {Show(tstop)} is not allowed; allowed: a simulated time in ms > 0");
        if (parse.GetValue(_dt) is { } dt && !(double.IsFinite(dt) && dt > 0))
            throw new ArgumentException($"--dt {Show(dt)} is not allowed; allowed: a time step in ms > 0 and at most tstop");
        if (parse.GetValue(_nTrials) is < 1 and var n)
            throw new ArgumentException($"--n-trials {n} is not allowed; allowed: an integer ≥ 1");
        if (Smooth(parse) is { } w && !(w == 0 || (double.IsFinite(w) && w >= 1)))
            throw new ArgumentException($"--smooth {Show(w)} is not allowed; allowed: {PostprocEntry.SmoothAllowed}");
        if (Scale(parse) is { } f && !(double.IsFinite(f) && f > 0))
            throw new ArgumentException($"--scale {Show(f)} is not allowed; allowed: {PostprocEntry.ScaleAllowed}");
    }

    /// <summary>The experiment with the given options in place of its values, checked as the reader checks a file.</summary>
    public ExperimentSpec Apply(ParseResult parse, ExperimentSpec spec)
    {
        CheckValues(parse);
        var (tstop, dt, nTrials) = (parse.GetValue(_tstop), parse.GetValue(_dt), parse.GetValue(_nTrials));
        var (smooth, scale) = (Smooth(parse), Scale(parse));
        if (tstop is null && dt is null && nTrials is null && smooth is null && scale is null) return spec;

        var run = spec with { TStop = tstop ?? spec.TStop, Dt = dt ?? spec.Dt, NTrials = nTrials ?? spec.NTrials };
        // Each value was fine on its own (CheckValues): what is left is the pair (dt > tstop, too many steps).
        if (TimeGrid.Problem(run.TStop, run.Dt, out _) is { } grid)
            throw new FormatException($"{Origin("--tstop", tstop, "$.tstop")} and {Origin("--dt", dt, "$.dt")}: {grid}");
        if (smooth is null && scale is null && spec.Postproc is null) return run;

        var postproc = new PostprocEntry(smooth ?? spec.Postproc?.SmoothMs, scale ?? spec.Postproc?.Scale);
        if (postproc.Problem(run.TStop, run.Dt, out var key) is { } problem)
            throw new FormatException($"{Origin(key == "smooth" ? "--smooth" : "--scale", key == "smooth" ? smooth : scale, $"$.postproc.{key}")}" +
                                      $"{(tstop is null && dt is null ? "" : " with " + Origin("--tstop", tstop, "$.tstop") + " and " + Origin("--dt", dt, "$.dt"))}: {problem}");
        return run with { Postproc = postproc };
    }

    /// <summary>"--tstop 5" when the option was given, else the file's key ("$.tstop").</summary>
    private static string Origin(string option, object? given, string key) =>
        given is null ? key : $"{option} {(given is double d ? Show(d) : given)}";

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
