using MathNet.Numerics.LinearAlgebra;

namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>
/// Powell's COBYLA for the one case a fit has, bounds only: a simplex of n+1 points, the linear
/// interpolation of the loss on it, and trust-region steps of radius ρ over the ball ∩ the unit box,
/// ρ falling from 0.1 to 1e-4 (docs/dev/fitting-solvers.md §3). Iterates never leave the box.
/// </summary>
internal sealed class Cobyla : IFitSolver
{
    /// <summary>Initial trust-region radius (scipy's rhobeg as HNN-core sets it, in the unit box).</summary>
    internal const double RhoBegin = 0.1;
    /// <summary>Final trust-region radius (HNN-core's rhoend).</summary>
    internal const double RhoEnd = 1e-4;
    // Powell's constants (docs/dev/fitting-solvers.md §3.3, §3.4): an acceptable simplex has every vertex
    // at least Alpha·ρ from its opposite face and none farther than Beta·ρ from x0; geometry steps have
    // length Gamma·ρ; a trust-region point prefers to replace a vertex farther than Delta·ρ.
    private const double Alpha = 0.25, Beta = 2.1, Gamma = 0.5, Delta = 1.1;
    // A step is a success when the loss falls by at least this share of what the model predicted.
    private const double GoodRatio = 0.1;

    private enum Phase { Start, Rebuild, Trial, Geometry }

    private readonly int _n;
    // The optimal vertex x0 (best loss so far among the vertices) and the n others.
    private double[] _x0;
    private double _f0;
    private readonly double[][] _vertices;
    private readonly double[] _losses;
    private double _rho = RhoBegin;

    // Derived from the simplex in Plan: rows of S⁻¹ (S's columns are v_j − x0), the model gradient,
    // each vertex's distance from its opposite face (vsig) and from x0 (veta).
    private Matrix<double>? _inverse;
    private readonly double[] _gradient;
    private readonly double[] _faceDistance;
    private readonly double[] _edgeLength;

    private Phase _phase = Phase.Start;
    private double[][]? _pending;
    private bool _insufficient;
    private int _geometrySteps;
    private int _geometryVertex;
    private double _predicted;

    internal Cobyla(double[] initial)
    {
        _n = initial.Length;
        _x0 = (double[])initial.Clone();
        _vertices = new double[_n][];
        _losses = new double[_n];
        _gradient = new double[_n];
        _faceDistance = new double[_n];
        _edgeLength = new double[_n];
    }

    /// <inheritdoc/>
    public string Name => "cobyla";

    /// <inheritdoc/>
    public bool Converged { get; private set; }

    /// <summary>The current trust-region radius ρ.</summary>
    internal double Rho => _rho;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask()
    {
        if (_pending != null) throw new InvalidOperationException("cobyla: Ask was called twice without Tell; tell the losses of the last candidates first.");
        if (Converged) return [];
        if (_phase == Phase.Start)
        {
            // x0 and its n neighbours are independent: one batch of n+1 (docs/dev/fitting-solvers.md §3.1).
            var batch = new double[_n + 1][];
            batch[0] = (double[])_x0.Clone();
            for (var i = 0; i < _n; i++) batch[i + 1] = Neighbour(_x0, i, RhoBegin);
            _pending = batch;
        }
        else
        {
            Plan();
            if (Converged) return [];
        }
        return _pending!.Select(c => (double[])c.Clone()).ToArray();
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var asked = _pending ?? throw new InvalidOperationException("cobyla: Tell was called without a preceding Ask.");
        if (losses.Count != asked.Length)
            throw new ArgumentException($"cobyla: {losses.Count} losses told for {asked.Length} candidates; tell one loss per candidate, in order.", nameof(losses));
        _pending = null;
        switch (_phase)
        {
            case Phase.Start:
                _x0 = asked[0];
                _f0 = losses[0];
                for (var j = 0; j < _n; j++) (_vertices[j], _losses[j]) = (asked[j + 1], losses[j + 1]);
                _insufficient = false;
                // Leaves Start for good; Plan sets the phase of every later Ask.
                _phase = Phase.Trial;
                break;
            case Phase.Rebuild:
                for (var j = 0; j < _n; j++) (_vertices[j], _losses[j]) = (asked[j], losses[j]);
                _insufficient = false;
                break;
            case Phase.Geometry:
                (_vertices[_geometryVertex], _losses[_geometryVertex]) = (asked[0], losses[0]);
                _geometrySteps++;
                _insufficient = false;
                break;
            case Phase.Trial:
                TellTrial(asked[0], losses[0]);
                break;
        }
    }

    /// <summary>
    /// Decides the next candidates from the current simplex (docs/dev/fitting-solvers.md §3.3): a trust-region step, or when the
    /// last one failed a geometry step or a smaller ρ; Converged when ρ = ρ_end and the step failed.
    /// </summary>
    private void Plan()
    {
        while (true)
        {
            MakeBestOptimal();
            if (!Derive())
            {
                // A singular simplex (only possible through rounding): rebuild it around x0 at this ρ.
                _pending = new double[_n][];
                for (var i = 0; i < _n; i++) _pending[i] = Neighbour(_x0, i, _rho);
                _phase = Phase.Rebuild;
                return;
            }
            if (_insufficient)
            {
                // At most n geometry steps in a row: near a box corner the bounds may forbid a simplex
                // that is acceptable by Powell's measure, and ρ must still fall then.
                if (!Acceptable() && _geometrySteps < _n)
                {
                    _pending = [GeometryPoint()];
                    _phase = Phase.Geometry;
                    return;
                }
                if (_rho <= RhoEnd)
                {
                    Converged = true;
                    return;
                }
                // Powell: halve ρ, or go straight to ρ_end when halving would come close to it.
                _rho = _rho / 2 <= 1.5 * RhoEnd ? RhoEnd : _rho / 2;
                _insufficient = false;
                _geometrySteps = 0;
                continue;
            }

            var lower = new double[_n];
            var upper = new double[_n];
            for (var i = 0; i < _n; i++) (lower[i], upper[i]) = (-_x0[i], 1.0 - _x0[i]);
            var d = BallBoxStep.Solve(_gradient, _rho, lower, upper);
            if (Norm(d) < 0.5 * _rho)
            {
                // Too short a step to learn from: the model is flat here or the box cuts it off.
                _insufficient = true;
                continue;
            }
            _predicted = 0.0;
            for (var i = 0; i < _n; i++) _predicted -= _gradient[i] * d[i];
            _pending = [Offset(_x0, d)];
            _phase = Phase.Trial;
            return;
        }
    }

    /// <summary>Books a trust-region trial point: which vertex it replaces (docs/dev/fitting-solvers.md §3.4) and whether the step succeeded.</summary>
    private void TellTrial(double[] point, double loss)
    {
        var improved = FitSolvers.IsBetter(loss, _f0);
        var actual = improved && !double.IsFinite(_f0) ? double.PositiveInfinity
            : double.IsFinite(loss) ? _f0 - loss : double.NegativeInfinity;

        // σ_j: replacing vertex j by the point multiplies the simplex volume by |σ_j|.
        var step = Vector<double>.Build.Dense(_n, i => point[i] - _x0[i]);
        var sigma = _inverse! * step;
        var drop = -1;
        var best = improved ? 0.0 : 1.0;
        for (var j = 0; j < _n; j++)
        {
            var s = Math.Abs(sigma[j]);
            if (s > best) (best, drop) = (s, j);
        }
        // Prefer dropping a far vertex, among those whose replacement keeps an acceptable shape.
        var farthest = Delta * _rho;
        for (var j = 0; j < _n; j++)
        {
            var s = Math.Abs(sigma[j]);
            if (!(s * _faceDistance[j] >= Alpha * _rho || s >= 1.0)) continue;
            var distance = improved ? Distance(_vertices[j], point) : _edgeLength[j];
            if (distance > farthest) (farthest, drop) = (distance, j);
        }
        if (drop >= 0) (_vertices[drop], _losses[drop]) = (point, loss);

        _insufficient = !(actual >= GoodRatio * _predicted);
        if (!_insufficient) _geometrySteps = 0;
    }

    /// <summary>Swaps the best vertex into x0 (a failed loss never displaces a finite one; ties keep x0).</summary>
    private void MakeBestOptimal()
    {
        var best = -1;
        var bestLoss = _f0;
        for (var j = 0; j < _n; j++)
            if (FitSolvers.IsBetter(_losses[j], bestLoss)) (best, bestLoss) = (j, _losses[j]);
        if (best < 0) return;
        (_x0, _vertices[best]) = (_vertices[best], _x0);
        (_f0, _losses[best]) = (_losses[best], _f0);
    }

    /// <summary>S⁻¹, the gradient of the interpolating linear model, and the vertex distances; false when S is singular.</summary>
    private bool Derive()
    {
        var s = Matrix<double>.Build.Dense(_n, _n, (i, j) => _vertices[j][i] - _x0[i]);
        var inverse = s.Inverse();
        for (var i = 0; i < _n; i++)
            for (var j = 0; j < _n; j++)
                if (!double.IsFinite(inverse[i, j])) return false;
        _inverse = inverse;

        // Failed losses enter the model as a finite value worse than every finite vertex.
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var f in _losses.Append(_f0))
            if (double.IsFinite(f)) (lo, hi) = (Math.Min(lo, f), Math.Max(hi, f));
        var penalty = double.IsFinite(hi) ? hi + Math.Max(1.0, hi - lo) : 0.0;
        double Model(double f) => double.IsFinite(f) ? f : penalty;

        var f0 = Model(_f0);
        for (var i = 0; i < _n; i++)
        {
            var g = 0.0;
            for (var j = 0; j < _n; j++) g += inverse[j, i] * (Model(_losses[j]) - f0);
            _gradient[i] = g;
        }
        for (var j = 0; j < _n; j++)
        {
            var row = 0.0;
            for (var i = 0; i < _n; i++) row += inverse[j, i] * inverse[j, i];
            _faceDistance[j] = 1.0 / Math.Sqrt(row);
            _edgeLength[j] = Distance(_vertices[j], _x0);
        }
        return true;
    }

    /// <summary>Powell's acceptability: no vertex too close to its opposite face or too far from x0.</summary>
    private bool Acceptable()
    {
        for (var j = 0; j < _n; j++)
            if (_faceDistance[j] < Alpha * _rho || _edgeLength[j] > Beta * _rho) return false;
        return true;
    }

    /// <summary>
    /// The geometry step (docs/dev/fitting-solvers.md §3.3): the vertex farthest from x0 if one is beyond β·ρ, else the one nearest its
    /// opposite face, moves to x0 ± γ·ρ along that face's normal, kept inside the box.
    /// </summary>
    private double[] GeometryPoint()
    {
        var j = -1;
        var far = Beta * _rho;
        for (var k = 0; k < _n; k++)
            if (_edgeLength[k] > far) (far, j) = (_edgeLength[k], k);
        if (j < 0)
        {
            var flat = double.PositiveInfinity;
            for (var k = 0; k < _n; k++)
                if (_faceDistance[k] < flat) (flat, j) = (_faceDistance[k], k);
        }
        _geometryVertex = j;

        var plus = new double[_n];
        var minus = new double[_n];
        double reachPlus = 0, reachMinus = 0, modelPlus = 0, modelMinus = 0;
        for (var i = 0; i < _n; i++)
        {
            var u = _inverse![j, i] * _faceDistance[j];
            plus[i] = Math.Clamp(Gamma * _rho * u, -_x0[i], 1.0 - _x0[i]);
            minus[i] = Math.Clamp(-Gamma * _rho * u, -_x0[i], 1.0 - _x0[i]);
            reachPlus += u * plus[i];
            reachMinus -= u * minus[i];
            modelPlus += _gradient[i] * plus[i];
            modelMinus += _gradient[i] * minus[i];
        }
        // The side that moves the vertex farther from its face; when the box cuts neither, Powell's
        // choice: the side where the linear model is lower.
        var usePlus = reachPlus != reachMinus ? reachPlus > reachMinus : modelPlus <= modelMinus;
        return Offset(_x0, usePlus ? plus : minus);
    }

    /// <summary>x + ρ·e_i, or x − ρ·e_i when the plus side leaves the box (ρ ≤ 0.1 keeps one side inside).</summary>
    private static double[] Neighbour(double[] x, int i, double rho)
    {
        var p = (double[])x.Clone();
        p[i] = x[i] + rho <= 1.0 ? x[i] + rho : x[i] - rho;
        return p;
    }

    /// <summary>x + d, clamped so rounding can never put it outside [0,1].</summary>
    private static double[] Offset(double[] x, double[] d)
    {
        var p = new double[x.Length];
        for (var i = 0; i < p.Length; i++) p[i] = Math.Clamp(x[i] + d[i], 0.0, 1.0);
        return p;
    }

    private static double Norm(double[] d)
    {
        var s = 0.0;
        foreach (var v in d) s += v * v;
        return Math.Sqrt(s);
    }

    private static double Distance(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(s);
    }
}
