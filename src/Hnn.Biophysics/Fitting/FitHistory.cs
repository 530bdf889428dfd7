namespace Hnn.Biophysics.Fitting;

/// <summary>
/// The evaluations of a fit as they happen, and those of an earlier run of the same fit (same
/// <see cref="Fit.Key"/>) to resume from: the solvers are deterministic, so a rerun asks the same
/// candidates in the same order and takes their earlier losses instead of simulating them again
/// (docs/dev/fitting.md §4). Failed candidates are simulated again.
/// </summary>
public sealed class FitHistory
{
    private readonly Dictionary<string, FitEvaluation> _earlier = [];
    private readonly List<FitEvaluation> _evaluations = [];
    private readonly Lock _lock = new();

    /// <param name="earlier">Evaluations of an earlier run of the same fit (e.g. read back from history.csv).</param>
    public FitHistory(IEnumerable<FitEvaluation>? earlier = null)
    {
        foreach (var e in earlier ?? [])
            if (e.Succeeded) _earlier.TryAdd(e.Key, e);
    }

    /// <summary>Called with each evaluation as it is recorded (reused ones included), on the fit's thread.</summary>
    public event Action<FitEvaluation>? Recorded;

    /// <summary>This run's evaluations so far, by simulation number.</summary>
    public IReadOnlyList<FitEvaluation> Evaluations
    {
        get
        {
            lock (_lock) return _evaluations.OrderBy(e => e.Simulation).ToArray();
        }
    }

    internal bool TryReuse(string key, out FitEvaluation earlier) => _earlier.TryGetValue(key, out earlier!);

    internal void Add(FitEvaluation evaluation)
    {
        lock (_lock) _evaluations.Add(evaluation);
        Recorded?.Invoke(evaluation);
    }
}
