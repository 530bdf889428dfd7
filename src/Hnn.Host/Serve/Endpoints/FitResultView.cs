using System.Globalization;
using Microsoft.VisualBasic.FileIO;

namespace Hnn.Host.Serve.Endpoints;

/// <summary>A fit's result as GET /api/runs/{id}/result shows it: its best evaluation and every evaluation, from history.csv.</summary>
internal static class FitResultView
{
    internal sealed record Evaluation(int Simulation, int Generation, Dictionary<string, double> Params,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? Loss,
        string? Error);

    internal sealed record View(Evaluation? Best, IReadOnlyList<Evaluation> History);

    // history.csv (FitFolder): simulation, generation, one column per parameter, loss, error, wall_s, key.
    public static View Read(string path)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? [];
        var n = header.Length - 6;
        var history = new List<Evaluation>();
        while (parser.ReadFields() is { } f)
        {
            var values = new Dictionary<string, double>();
            for (var i = 0; i < n; i++) values[header[2 + i]] = double.Parse(f[2 + i], CultureInfo.InvariantCulture);
            history.Add(new Evaluation(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), values,
                f[2 + n].Length == 0 ? null : double.Parse(f[2 + n], CultureInfo.InvariantCulture), f[3 + n].Length == 0 ? null : f[3 + n]));
        }
        // The best as FitFolder keeps it: the lowest loss, the earliest simulation on a tie.
        var best = history.Where(e => e.Loss is not null).OrderBy(e => e.Loss).ThenBy(e => e.Simulation).FirstOrDefault();
        return new View(best, history);
    }
}
