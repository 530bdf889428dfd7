using Hnn.Biophysics.Random;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>
/// The standard (μ/μ_w, λ)-CMA-ES with Hansen's default parameters, asking λ candidates per generation
/// (docs/dev/fitting-solvers.md §2). Candidates are repaired into the unit box by reflection.
/// </summary>
internal sealed class CmaEs : IFitSolver
{
    /// <summary>HNN-core's sigma0: a quarter of each parameter's range.</summary>
    internal const double Sigma0 = 0.25;
    /// <summary>Stop when σ·max √C_ii falls below this (unit box).</summary>
    internal const double TolX = 1e-6;
    /// <summary>Stop when the recent best losses and the current generation span less than this.</summary>
    internal const double TolFun = 1e-12;
    /// <summary>A covariance whose eigenvalues span more than this is degenerate (pycma's limit).</summary>
    private const double MaxCondition = 1e14;

    private readonly int _n;
    private readonly int _lambda;
    private readonly int _mu;
    private readonly double[] _weights;
    private readonly double _muEff, _cSigma, _dSigma, _cC, _c1, _cMu, _chiN;
    private readonly RandomState _random;

    private readonly double[] _mean;
    private double _sigma = Sigma0;
    private readonly double[,] _c;
    private readonly double[] _pSigma, _pC;
    // C = B·diag(D²)·Bᵀ, refreshed every generation (n is small).
    private readonly double[,] _b;
    private readonly double[] _d;
    private int _generation;

    private double[][]? _pending;
    private readonly Queue<double> _bestHistory = new();
    private readonly int _historyLength;
    private readonly double[] _step;

    internal CmaEs(double[] initial, int population, long seed)
    {
        _n = initial.Length;
        _lambda = population;
        _mu = population / 2;
        _random = new RandomState(seed);
        _mean = (double[])initial.Clone();

        // Tutorial eq. (49) with only the μ positive weights, normalised to sum 1.
        _weights = new double[_mu];
        var sum = 0.0;
        for (var i = 0; i < _mu; i++)
        {
            _weights[i] = Math.Log((_lambda + 1) / 2.0) - Math.Log(i + 1);
            sum += _weights[i];
        }
        var sumSquares = 0.0;
        for (var i = 0; i < _mu; i++)
        {
            _weights[i] /= sum;
            sumSquares += _weights[i] * _weights[i];
        }
        _muEff = 1.0 / sumSquares;
        double n = _n;
        _cSigma = (_muEff + 2) / (n + _muEff + 5);
        _dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (n + 1)) - 1) + _cSigma;
        _cC = (4 + _muEff / n) / (n + 4 + 2 * _muEff / n);
        _c1 = 2 / ((n + 1.3) * (n + 1.3) + _muEff);
        _cMu = Math.Min(1 - _c1, 2 * (_muEff - 2 + 1 / _muEff) / ((n + 2) * (n + 2) + _muEff));
        _chiN = Math.Sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));

        _c = new double[_n, _n];
        _b = new double[_n, _n];
        _d = new double[_n];
        for (var i = 0; i < _n; i++) _c[i, i] = 1.0;
        _pSigma = new double[_n];
        _pC = new double[_n];
        _step = new double[_n];
        _historyLength = 10 + (int)Math.Ceiling(30.0 * n / _lambda);
        Converged = !Decompose();
    }

    /// <summary>The standard population for n parameters: 4 + ⌊3 ln n⌋.</summary>
    internal static int DefaultPopulation(int n) => 4 + (int)Math.Floor(3 * Math.Log(n));

    /// <inheritdoc/>
    public string Name => "cma-es";

    /// <inheritdoc/>
    public bool Converged { get; private set; }

    /// <summary>Candidates per generation (λ).</summary>
    internal int Population => _lambda;

    /// <summary>The current step size σ.</summary>
    internal double Sigma => _sigma;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask()
    {
        if (_pending != null) throw new InvalidOperationException("cma-es: Ask was called twice without Tell; tell the losses of the last candidates first.");
        if (Converged) return [];
        var candidates = new double[_lambda][];
        var z = new double[_n];
        for (var k = 0; k < _lambda; k++)
        {
            // Draws in a fixed order: candidate by candidate, coordinate by coordinate.
            for (var i = 0; i < _n; i++) z[i] = _d[i] * _random.StandardNormal();
            var x = new double[_n];
            for (var i = 0; i < _n; i++)
            {
                var y = 0.0;
                for (var j = 0; j < _n; j++) y += _b[i, j] * z[j];
                x[i] = Reflect(_mean[i] + _sigma * y);
            }
            candidates[k] = x;
        }
        _pending = candidates;
        return candidates.Select(c => (double[])c.Clone()).ToArray();
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var candidates = _pending ?? throw new InvalidOperationException("cma-es: Tell was called without a preceding Ask.");
        if (losses.Count != candidates.Length)
            throw new ArgumentException($"cma-es: {losses.Count} losses told for {candidates.Length} candidates; tell one loss per candidate, in order.", nameof(losses));
        _pending = null;
        var order = Rank(losses);
        Update(candidates, order);
        Converged = ShouldStop(losses, losses[order[0]]);
    }

    /// <summary>Mirrors v at 0 and 1 until it lies in [0,1]: the reflection is periodic with period 2 (docs/dev/fitting-solvers.md §2.2).</summary>
    internal static double Reflect(double v)
    {
        if (v >= 0.0 && v <= 1.0) return v;
        var r = Math.Abs(v) % 2.0;
        return r > 1.0 ? 2.0 - r : r;
    }

    /// <summary>Candidate indices best first; failed (non-finite) losses last; ties by index, so the order is deterministic.</summary>
    private static int[] Rank(IReadOnlyList<double> losses)
    {
        var order = Enumerable.Range(0, losses.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            if (FitSolvers.IsBetter(losses[a], losses[b])) return -1;
            if (FitSolvers.IsBetter(losses[b], losses[a])) return 1;
            return a.CompareTo(b);
        });
        return order;
    }

    /// <summary>One generation of the tutorial's update (docs/dev/fitting-solvers.md §2.1), from the repaired candidates.</summary>
    private void Update(double[][] candidates, int[] order)
    {
        _generation++;
        // y_k = (x_k − m)/σ of the repaired points: the update learns from what was evaluated (docs/dev/fitting-solvers.md §2.2).
        var ys = new double[_mu][];
        for (var k = 0; k < _mu; k++)
        {
            var x = candidates[order[k]];
            var y = new double[_n];
            for (var i = 0; i < _n; i++) y[i] = (x[i] - _mean[i]) / _sigma;
            ys[k] = y;
        }
        Array.Clear(_step);
        for (var k = 0; k < _mu; k++)
            for (var i = 0; i < _n; i++) _step[i] += _weights[k] * ys[k][i];
        // The new mean is Σ w_k x_k, a convex combination of box points, so it stays in the box.
        for (var i = 0; i < _n; i++) _mean[i] = Math.Clamp(_mean[i] + _sigma * _step[i], 0.0, 1.0);

        // C^(−1/2)·⟨y⟩ = B·D⁻¹·Bᵀ·⟨y⟩.
        var bty = new double[_n];
        for (var j = 0; j < _n; j++)
        {
            var s = 0.0;
            for (var i = 0; i < _n; i++) s += _b[i, j] * _step[i];
            bty[j] = s / _d[j];
        }
        var sigmaFactor = Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff);
        var pSigmaNorm2 = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var s = 0.0;
            for (var j = 0; j < _n; j++) s += _b[i, j] * bty[j];
            _pSigma[i] = (1 - _cSigma) * _pSigma[i] + sigmaFactor * s;
            pSigmaNorm2 += _pSigma[i] * _pSigma[i];
        }
        var pSigmaNorm = Math.Sqrt(pSigmaNorm2);

        var hSigma = pSigmaNorm / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * _generation)) < (1.4 + 2.0 / (_n + 1)) * _chiN ? 1.0 : 0.0;
        var cFactor = hSigma * Math.Sqrt(_cC * (2 - _cC) * _muEff);
        for (var i = 0; i < _n; i++) _pC[i] = (1 - _cC) * _pC[i] + cFactor * _step[i];

        var deltaH = (1 - hSigma) * _cC * (2 - _cC);
        var keep = 1 + _c1 * deltaH - _c1 - _cMu;
        for (var i = 0; i < _n; i++)
            for (var j = i; j < _n; j++)
            {
                var rankMu = 0.0;
                for (var k = 0; k < _mu; k++) rankMu += _weights[k] * ys[k][i] * ys[k][j];
                var v = keep * _c[i, j] + _c1 * _pC[i] * _pC[j] + _cMu * rankMu;
                _c[i, j] = v;
                _c[j, i] = v;
            }

        _sigma *= Math.Exp(_cSigma / _dSigma * (pSigmaNorm / _chiN - 1));
    }

    /// <summary>The stopping rules (docs/dev/fitting-solvers.md §2.3); also refreshes B and D for the next generation.</summary>
    private bool ShouldStop(IReadOnlyList<double> losses, double best)
    {
        if (!double.IsFinite(_sigma) || _sigma <= 0 || !Decompose()) return true;
        var maxSd = 0.0;
        for (var i = 0; i < _n; i++) maxSd = Math.Max(maxSd, Math.Sqrt(_c[i, i]));
        if (_sigma * maxSd < TolX) return true;

        _bestHistory.Enqueue(best);
        if (_bestHistory.Count > _historyLength) _bestHistory.Dequeue();
        if (_bestHistory.Count < _historyLength) return false;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in _bestHistory.Concat(losses))
        {
            if (!double.IsFinite(v)) return false;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return hi - lo < TolFun;
    }

    /// <summary>Eigendecomposition of C into B and D; false when C is no longer a usable covariance.</summary>
    private bool Decompose()
    {
        var matrix = Matrix<double>.Build.Dense(_n, _n, (i, j) => _c[i, j]);
        for (var i = 0; i < _n; i++)
            for (var j = 0; j < _n; j++)
                if (!double.IsFinite(_c[i, j])) return false;
        var evd = matrix.Evd(Symmetricity.Symmetric);
        double min = double.PositiveInfinity, max = 0.0;
        for (var i = 0; i < _n; i++)
        {
            var lambda = evd.EigenValues[i].Real;
            if (!(lambda > 0) || !double.IsFinite(lambda)) return false;
            min = Math.Min(min, lambda);
            max = Math.Max(max, lambda);
            _d[i] = Math.Sqrt(lambda);
            for (var r = 0; r < _n; r++) _b[r, i] = evd.EigenVectors[r, i];
        }
        return max / min <= MaxCondition;
    }
}
