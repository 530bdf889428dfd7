namespace Hnn.Biophysics.Fitting.Solvers;

// TEMPORARY placeholder until wip-solvers merges (take theirs).
internal interface IFitSolver
{
    string Name { get; }
    IReadOnlyList<double[]> Ask();
    void Tell(IReadOnlyList<double> losses);
    bool Converged { get; }
}
