using Hnn.Biophysics.Batch;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Host.Serve;

/// <summary>A submission that passed every check, ready for the queue.</summary>
internal abstract record PreparedRun(string Kind, string Name)
{
    public const string SimulateKind = "simulate", SweepKind = "sweep", FitKind = "fit";

    public abstract ProgressView InitialProgress { get; }
}

/// <summary>An experiment file read and built as `hnn simulate` reads and builds it.</summary>
internal sealed record PreparedSimulation(string Name, ExperimentSpec Spec, NetworkSpec Network) : PreparedRun(SimulateKind, Name)
{
    public override ProgressView InitialProgress => new(0, 0, Spec.NTrials, 0, Spec.TStop);
}

/// <summary>A sweep file read and expanded as `hnn batch` reads and expands it.</summary>
internal sealed record PreparedSweep(string Name, Sweep Sweep) : PreparedRun(SweepKind, Name)
{
    public override ProgressView InitialProgress => new(0, 0, 0, 0, 0, 0, Sweep.Jobs.Count);
}

/// <summary>A fit file read as `hnn fit` reads it; FitFile is its staged copy (what fit.json's "fit_file" names).</summary>
internal sealed record PreparedFit(string Name, Hnn.Biophysics.Fitting.Fit Fit, string FitFile) : PreparedRun(FitKind, Name)
{
    public override ProgressView InitialProgress => new(0, 0, 0, 0, 0, 0, Fit.MaxSimulations);
}

/// <summary>A submission refused: the HTTP status (400 bad input, 413 too large, 422 over a limit) and the one-line reason.</summary>
internal sealed class SubmissionException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
