using System.Text.Json.Nodes;

namespace Hnn.Biophysics.Batch;

/// <summary>
/// One swept parameter: an experiment path (docs/sweep-file.md "Paths") and exactly one source of
/// values: a list, a linspace range, or a distribution to sample (combine "random" only).
/// </summary>
public sealed record SweepParameter(string Path, IReadOnlyList<JsonNode?>? Values = null, SweepRange? Range = null, SweepSample? Sample = null)
{
    /// <summary>A parameter with listed numbers.</summary>
    public static SweepParameter OfNumbers(string path, params double[] values) =>
        new(path, values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}

/// <summary>numpy's <c>linspace(start, stop, num)</c>: both ends included.</summary>
public sealed record SweepRange(double Start, double Stop, int Num)
{
    /// <summary>
    /// The points exactly as numpy computes them: start + i·step with step = (stop − start)/(num − 1),
    /// and the last point set to stop (num = 1 gives [start]).
    /// </summary>
    public double[] Points()
    {
        if (Num < 1) throw new ArgumentOutOfRangeException(nameof(Num), Num, $"num = {Num} is invalid; allowed: an integer >= 1");
        var points = new double[Num];
        if (Num == 1)
        {
            points[0] = Start;
            return points;
        }
        var div = Num - 1;
        var delta = Stop - Start;
        var step = delta / div;
        for (var i = 0; i < Num; i++)
            // numpy divides first when the step underflows to zero, to keep tiny deltas.
            points[i] = (step == 0 ? i / (double)div * delta : i * step) + Start;
        points[^1] = Stop;
        return points;
    }
}

/// <summary>
/// A distribution for combine "random": "uniform" (Low, High), "loguniform" (Low, High > 0) or
/// "normal" (Mean, Std). The numpy call each one matches is in docs/sweep-file.md "Random draws".
/// </summary>
public sealed record SweepSample(string Dist, double Low = 0, double High = 0, double Mean = 0, double Std = 0)
{
    public static readonly IReadOnlyList<string> Distributions = ["uniform", "loguniform", "normal"];

    public static SweepSample Uniform(double low, double high) => new("uniform", Low: low, High: high);
    public static SweepSample LogUniform(double low, double high) => new("loguniform", Low: low, High: high);
    public static SweepSample Normal(double mean, double std) => new("normal", Mean: mean, Std: std);
}
