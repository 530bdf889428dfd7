using System.Text.Json.Nodes;
using Hnn.Biophysics.Batch;
using Xunit.Abstractions;

namespace Hnn.Biophysics.Tests.Batch;

/// <summary>
/// Rows from parameter lists (docs/sweep-file.md "combine"): grid and zip order, numpy's
/// linspace, and random draws against numbers computed with numpy 1.24 (legacy RandomState).
/// </summary>
public class SweepCombinationTests(ITestOutputHelper output)
{
    private static double N(JsonNode? v) => v!.GetValue<double>();

    [Fact]
    public void GridIsItertoolsProductWithTheFirstParameterSlowest()
    {
        var rows = SweepCombination.Combine([
            SweepParameter.OfNumbers("a", 1, 2),
            SweepParameter.OfNumbers("b", 10, 20, 30),
            new SweepParameter("c", [JsonValue.Create("x"), JsonValue.Create("y")]),
        ], "grid", null, null);
        var text = rows.Select(r => string.Join(",", r.Select(v => v!.ToJsonString()))).ToArray();
        output.WriteLine(string.Join(" ", text));
        // list(itertools.product([1, 2], [10, 20, 30], ['x', 'y']))
        Assert.Equal([
            "1,10,\"x\"", "1,10,\"y\"", "1,20,\"x\"", "1,20,\"y\"", "1,30,\"x\"", "1,30,\"y\"",
            "2,10,\"x\"", "2,10,\"y\"", "2,20,\"x\"", "2,20,\"y\"", "2,30,\"x\"", "2,30,\"y\"",
        ], text);
    }

    [Fact]
    public void ZipPairsTheIthValues()
    {
        var rows = SweepCombination.Combine([
            SweepParameter.OfNumbers("a", 1, 2, 3),
            new SweepParameter("b", Range: new SweepRange(0, 1, 3)),
        ], "zip", null, null);
        Assert.Equal([(1.0, 0.0), (2.0, 0.5), (3.0, 1.0)], rows.Select(r => (N(r[0]), N(r[1]))).ToArray());
    }

    public static TheoryData<double, double, int, double[]> NumpyLinspace() => new()
    {
        // repr(np.linspace(start, stop, num)) with numpy 1.24.2
        { 20, 30, 5, [20.0, 22.5, 25.0, 27.5, 30.0] },
        { 0.1, 0.3, 7, [0.1, 0.13333333333333333, 0.16666666666666669, 0.2, 0.23333333333333334, 0.26666666666666666, 0.3] },
        { 0.05, 0.14, 4, [0.05, 0.08, 0.11000000000000001, 0.14] },
        { 1e-300, 1.0000000000000002e-300, 3, [1e-300, 1.0000000000000002e-300, 1.0000000000000002e-300] },
        { 3, 7, 1, [3.0] },
        { 5, 1, 3, [5.0, 3.0, 1.0] },
    };

    [Theory]
    [MemberData(nameof(NumpyLinspace))]
    public void RangeIsNumpysLinspaceBitForBit(double start, double stop, int num, double[] numpy)
    {
        var points = new SweepRange(start, stop, num).Points();
        output.WriteLine($"linspace({start}, {stop}, {num}) = [{string.Join(", ", points.Select(p => p.ToString("R")))}]");
        Assert.Equal(numpy, points); // exact: tolerance 0
    }

    [Fact]
    public void RandomDrawsMatchNumpyRandomState()
    {
        // rs = np.random.RandomState(1); per job: rs.randint(3), rs.uniform(20, 30), rs.uniform(1, 4),
        // np.exp(rs.uniform(np.log(0.01), np.log(1.0))), rs.normal(5, 2)  (numpy 1.24.2)
        double[][] numpy =
        [
            [1, 29.971848109388688, 3.7976720780159763, 0.01804051353503199, 1.796557992462644],
            [0, 23.9676747423067, 2.616450202010071, 0.06892694481137704, 2.044340858318012],
            [2, 25.245481595728712, 2.33035868133867, 0.028784217488024566, 6.716357718963161],
            [1, 24.306985671847084, 3.8173833682708773, 0.36039476397777404, 5.142685982659751],
        ];
        var rows = SweepCombination.Combine([
            SweepParameter.OfNumbers("choice", 0, 1, 2),
            new SweepParameter("range", Range: new SweepRange(20, 30, 5)),
            new SweepParameter("uniform", Sample: SweepSample.Uniform(1, 4)),
            new SweepParameter("loguniform", Sample: SweepSample.LogUniform(0.01, 1.0)),
            new SweepParameter("normal", Sample: SweepSample.Normal(5, 2)),
        ], "random", 4, 1);
        var worst = 0.0;
        for (var i = 0; i < numpy.Length; i++)
            for (var j = 0; j < numpy[i].Length; j++)
                worst = Math.Max(worst, Math.Abs(N(rows[i][j]) - numpy[i][j]) / Math.Abs(numpy[i][j] == 0 ? 1 : numpy[i][j]));
        output.WriteLine($"20 draws vs numpy: largest relative difference {worst:E3} (allowed: 1 ulp, 2.3e-16)");
        // exp and log come from the platform's libm, as numpy's do; one ulp is the most they may differ.
        Assert.True(worst <= 2.3e-16, $"largest relative difference {worst:E3}");
        Assert.Equal(numpy.Select(r => r[0]), rows.Select(r => N(r[0])));
    }

    [Fact]
    public void RandomDrawsOfTheRandomExampleMatchNumpy()
    {
        // The numpy calls docs/sweep-file.md gives for examples/sweep_random.json, seed 7.
        var rows = SweepCombination.Combine([
            new SweepParameter("mu", Sample: SweepSample.Normal(26.61, 2)),
            new SweepParameter("sigma", Sample: SweepSample.Uniform(1, 4)),
            new SweepParameter("w", Sample: SweepSample.LogUniform(0.05, 0.2)),
            new SweepParameter("loc", [JsonValue.Create("distal"), JsonValue.Create("proximal")]),
        ], "random", 3, 7);
        Assert.Equal([29.99105140760071, 25.678125258918335, 30.66154304827407], rows.Select(r => N(r[0])));
        Assert.Equal([3.9339685359898082, 1.260230289519976, 3.411217108313126], rows.Select(r => N(r[1])));
        Assert.Equal([0.10548162784103511, 0.08942464684293527, 0.08478507714348985], rows.Select(r => N(r[2])), new UlpComparer());
        Assert.Equal(["distal", "distal", "proximal"], rows.Select(r => r[3]!.GetValue<string>()));
    }

    [Fact]
    public void RowsAreFreshCopies()
    {
        var shared = new JsonArray(5, 5);
        var rows = SweepCombination.Combine([new SweepParameter("network.mesh_shape", [shared])], "grid", null, null);
        Assert.NotSame(shared, rows[0][0]);
        Assert.Null(rows[0][0]!.Parent);
    }

    private sealed class UlpComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= Math.Abs(y) * 2.3e-16;
        public int GetHashCode(double obj) => 0;
    }
}
