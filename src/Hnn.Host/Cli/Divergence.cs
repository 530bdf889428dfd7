using System.Globalization;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Recording;

namespace Hnn.Host.Cli;

/// <summary>
/// A run whose numbers blew up (an input far too strong: a weight of 1e308 µS, a tonic bias of
/// 1e308 nA) ends in NaN or infinite values; writing them would be a result that looks finished
/// but means nothing. The verbs check the outputs first and fail with one line instead (exit 1).
/// </summary>
internal static class Divergence
{
    public static void Check(SimulationResult result)
    {
        for (var trial = 0; trial < result.Dipoles.Count; trial++)
        {
            var d = result.Dipoles[trial];
            foreach (var key in d.Order)
                if (FirstNonFinite(d[key]) is { } i)
                    throw Failed($"the dipole '{key}' of trial {trial}", d.Times[i]);
        }
    }

    public static void Check(TraceTable traces)
    {
        var time = traces["time"];
        foreach (var name in traces.Names)
            if (FirstNonFinite(traces[name]) is { } i)
                throw Failed($"the trace {name}", time[i]);
    }

    private static int? FirstNonFinite(double[] values)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i])) return i;
        return null;
    }

    private static RunFailedException Failed(string what, double t) =>
        new($"the simulation diverged: {what} is not a finite number from t = {t.ToString("0.###", CultureInfo.InvariantCulture)} ms on; " +
            "an input is too strong for the model (drive weights, tonic bias or clamp amplitudes, synaptic weights); nothing written");
}

/// <summary>A run that could not give a meaningful result: one line on stderr, exit code 1.</summary>
internal sealed class RunFailedException(string message) : Exception(message);
