namespace Hnn.Biophysics.Simulation;

/// <summary>NEURON's recorded time vector: t_0 = 0, then two additions of dt/2 per step (docs/dev/numerics.md §4).</summary>
public static class TimeGrid
{
    public static double[] Accumulated(int steps, double dt)
    {
        var t = new double[steps + 1];
        var now = 0.0;
        for (var k = 1; k <= steps; k++)
        {
            now += 0.5 * dt;
            now += 0.5 * dt;
            t[k] = now;
        }
        return t;
    }
}
