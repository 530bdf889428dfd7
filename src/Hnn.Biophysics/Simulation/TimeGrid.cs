namespace Hnn.Biophysics.Simulation;

/// <summary>
/// NEURON's fixed-step clock for one run (docs/dev/numerics.md §4): the step dt, the requested
/// tstop, the number of steps psolve(tstop) takes, and the recorded time vector. The one owner
/// of the clock rule — time advances by two additions of dt/2 per step, so t_k drifts from
/// k·dt in the last digits exactly as NEURON's does. Created only through <see cref="Create"/>,
/// which validates dt and tstop once; everything downstream takes a grid, not loose numbers.
/// </summary>
public sealed class TimeGrid
{
    /// <summary>The most steps one run may take (the step index is an <see cref="int"/>).</summary>
    public const int MaxSteps = int.MaxValue - 1;

    [NonSerialized] private double[]? _times; // derived; rebuilt where the grid arrives

    private TimeGrid(double tstop, double dt, int steps)
    {
        Tstop = tstop;
        Dt = dt;
        StepCount = steps;
    }

    /// <summary>The simulation length asked for (ms).</summary>
    public double Tstop { get; }

    /// <summary>The fixed step (ms).</summary>
    public double Dt { get; }

    /// <summary>Steps psolve(tstop) takes: floor(tstop/dt) with NEURON's rounding guard.</summary>
    public int StepCount { get; }

    /// <summary>A validated grid; the message of a bad value names it and what is allowed.</summary>
    public static TimeGrid Create(double tstop, double dt) =>
        Problem(tstop, dt, out var parameter) is { } problem
            ? throw new ArgumentException(problem, parameter)
            : new TimeGrid(tstop, dt, (int)Steps(tstop, dt));

    /// <summary>What is wrong with this tstop and dt (and which of the two to blame), or null when they make a grid.</summary>
    internal static string? Problem(double tstop, double dt, out string parameter)
    {
        parameter = nameof(tstop);
        if (!double.IsFinite(tstop) || tstop <= 0) return $"tstop must be a positive number of ms, got {tstop}";
        parameter = nameof(dt);
        if (!double.IsFinite(dt) || dt <= 0 || dt > tstop) return $"dt must be positive and at most tstop ({tstop} ms), got {dt}";
        var steps = Steps(tstop, dt);
        return steps > MaxSteps
            ? $"tstop {tstop} ms with dt {dt} ms needs {steps:G4} steps; at most {MaxSteps} are allowed (raise dt or lower tstop)"
            : null;
    }

    // psolve's step count: floor(tstop/dt), guarded against tstop/dt landing a hair below an integer.
    internal static double Steps(double tstop, double dt) => Math.Floor(tstop * (1.0 + 1e-11) / dt + 1e-9);

    /// <summary>The clock rule: one step's two half-step additions, each <c>t + dt/2</c>.</summary>
    public static double HalfStep(double t, double dt) => t + 0.5 * dt;

    /// <summary>NEURON's recorded time vector t_0 … t_StepCount (StepCount + 1 samples); computed once, shared, never written.</summary>
    public double[] Times => _times ??= Accumulate();

    /// <summary>The time at which the run ends (t_StepCount).</summary>
    public double EndTime => Times[StepCount];

    private double[] Accumulate()
    {
        var t = new double[StepCount + 1];
        var now = 0.0;
        for (var k = 1; k <= StepCount; k++)
        {
            now = HalfStep(HalfStep(now, Dt), Dt);
            t[k] = now;
        }
        return t;
    }
}
