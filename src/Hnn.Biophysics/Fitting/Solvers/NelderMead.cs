using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Hnn.Biophysics.Fitting.Solvers;

/// <summary>
/// MathNet.Numerics' Nelder–Mead simplex behind the ask/tell interface (docs/dev/fitting-solvers.md §4):
/// the library minimiser runs on its own background thread, and its objective hands each point to
/// <see cref="Ask"/> and waits for <see cref="Tell"/>. One candidate per Ask.
/// </summary>
internal sealed class NelderMead : IFitSolver, IDisposable
{
    /// <summary>The initial simplex's offset along each coordinate (negative where the positive one leaves the box).</summary>
    internal const double Perturbation = 0.1;
    /// <summary>The library's convergence tolerance on the loss.</summary>
    internal const double Tolerance = 1e-8;
    /// <summary>What the library sees instead of a failed (non-finite) loss.</summary>
    internal const double FailedLoss = 1e300;
    // The caller's simulation budget is the real limit.
    private const int MaxIterations = int.MaxValue;

    private readonly double[] _initial;
    // Worker → solver: a point is ready, or the minimiser has finished.
    private readonly SemaphoreSlim _pointReady = new(0, 1);
    // Solver → worker: the loss is there, or the solver was disposed.
    private readonly SemaphoreSlim _lossReady = new(0, 1);
    private Thread? _worker;
    private double[]? _request;
    private double _loss;
    private bool _finished;
    private Exception? _failure;
    private volatile bool _disposed;
    private bool _awaitingTell;

    internal NelderMead(double[] initial) => _initial = (double[])initial.Clone();

    /// <inheritdoc/>
    public string Name => "nelder-mead";

    /// <inheritdoc/>
    public bool Converged { get; private set; }

    /// <summary>Whether the minimiser's thread is running (for tests of <see cref="Dispose"/>).</summary>
    internal bool WorkerAlive => _worker?.IsAlive ?? false;

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask()
    {
        if (_awaitingTell) throw new InvalidOperationException("nelder-mead: Ask was called twice without Tell; tell the loss of the last candidate first.");
        if (Converged) return [];
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_worker == null)
        {
            _worker = new Thread(Run) { IsBackground = true, Name = "nelder-mead solver" };
            _worker.Start();
        }
        _pointReady.Wait();
        if (_finished)
        {
            Converged = true;
            _worker.Join();
            if (_failure != null) throw new InvalidOperationException($"nelder-mead: the MathNet minimiser failed: {_failure.Message}", _failure);
            return [];
        }
        _awaitingTell = true;
        return [(double[])_request!.Clone()];
    }

    /// <inheritdoc/>
    public void Tell(IReadOnlyList<double> losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_awaitingTell) throw new InvalidOperationException("nelder-mead: Tell was called without a preceding Ask.");
        if (losses.Count != 1)
            throw new ArgumentException($"nelder-mead: {losses.Count} losses told for 1 candidate; tell exactly one loss.", nameof(losses));
        _awaitingTell = false;
        _loss = double.IsFinite(losses[0]) ? losses[0] : FailedLoss;
        _lossReady.Release();
    }

    /// <summary>Ends the minimiser's thread (it is a background thread, so a forgotten solver never keeps the process alive).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_worker != null)
        {
            // Wakes the worker if it waits for a loss, or lets its next wait pass; it then unwinds.
            if (_lossReady.CurrentCount == 0) _lossReady.Release();
            _worker.Join();
        }
        _pointReady.Dispose();
        _lossReady.Dispose();
    }

    private void Run()
    {
        try
        {
            var objective = ObjectiveFunction.Value(Evaluate);
            var start = Vector<double>.Build.DenseOfArray(_initial);
            // Stepping down where stepping up would leave the box: a vertex clamped back onto the start
            // would make the initial simplex degenerate (docs/dev/fitting-solvers.md §4.2).
            var perturbation = Vector<double>.Build.Dense(_initial.Length,
                i => _initial[i] + Perturbation <= 1.0 ? Perturbation : -Perturbation);
            new NelderMeadSimplex(Tolerance, MaxIterations).FindMinimum(objective, start, perturbation);
        }
        catch (Abandoned)
        {
            return;
        }
        catch (MaximumIterationsException)
        {
            // As converged: the caller's budget normally ends a fit long before.
        }
        catch (Exception e)
        {
            _failure = e;
        }
        _finished = true;
        _pointReady.Release();
    }

    /// <summary>
    /// The library's objective: clamp its (unconstrained) point into the box, hand the clamped point over,
    /// wait for its loss, and add a penalty for the distance the library's point lay outside the box.
    /// </summary>
    private double Evaluate(Vector<double> point)
    {
        var x = new double[point.Count];
        var outside2 = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Clamp(point[i], 0.0, 1.0);
            outside2 += (point[i] - x[i]) * (point[i] - x[i]);
        }
        _request = x;
        _pointReady.Release();
        _lossReady.Wait();
        if (_disposed) throw new Abandoned();
        if (_loss == FailedLoss || outside2 == 0) return _loss;
        // Outside the box the loss grows with the distance, so vertices beyond a face never tie with
        // their clamped images and the simplex cannot collapse there (docs/dev/fitting-solvers.md §4.2).
        return _loss + (1.0 + Math.Abs(_loss)) * Math.Sqrt(outside2);
    }

    /// <summary>Unwinds the library minimiser when the solver is disposed mid-run.</summary>
    private sealed class Abandoned : Exception;
}
