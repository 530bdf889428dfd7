using System.Globalization;
using Hnn.Biophysics.Random;

namespace Hnn.Biophysics.Tests.Random;

/// <summary>Legacy RandomState against numpy 1.24.2 (docs/dev/drives.md §11.1 vectors and the streams CSV); bit-exact.</summary>
public class RandomStateTests
{
    private static void AssertBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R} (diff {actual - expected:R})");

    [Fact]
    public void RandomState_Seed5489_GivesTheStandardMt19937Outputs()
    {
        var rs = new RandomState(5489);
        Assert.Equal([3499211612u, 581869302u, 3890346734u], new[] { rs.NextUInt32(), rs.NextUInt32(), rs.NextUInt32() });
    }

    [Fact]
    public void InitByArrayMatchesTheMersenneTwisterReference()
    {
        // mt19937ar.c's test: init_by_array({0x123, 0x234, 0x345, 0x456}), first five genrand_int32.
        var rs = new RandomState([0x123u, 0x234u, 0x345u, 0x456u]);
        Assert.Equal([1067595299u, 955945823u, 477289528u, 4107218783u, 4228976476u],
            Enumerable.Range(0, 5).Select(_ => rs.NextUInt32()));
    }

    [Fact]
    public void RandomState_Seed274_StateWordsAndDrawsMatchNumpy()
    {
        var rs = new RandomState(274);
        Assert.Equal(2685472283u, rs.StateWord(1));
        Assert.Equal(3067021602u, rs.StateWord(623));
        Assert.Equal([1213308530u, 3781325378u, 2580203387u, 1829450749u],
            new[] { rs.NextUInt32(), rs.NextUInt32(), rs.NextUInt32(), rs.NextUInt32() });
        var normal = new RandomState(274).Normal(0, 1, 4);
        double[] expected = [0.7207748754871478, -1.5560417220317642, -0.45280089779483274, 0.02872051643814595];
        for (var i = 0; i < 4; i++) AssertBits(expected[i], normal[i], $"seed 274 normal[{i}]");
    }

    [Fact]
    public void RandomState_Exponential_MatchesSpecVectors()
    {
        var rs = new RandomState(2);
        double[] e = [0.572691988769615, 0.026268240864502333, 0.797757928205644];
        for (var i = 0; i < 3; i++) AssertBits(e[i], rs.Exponential(1.0), $"seed 2 exponential[{i}]");
        var r5 = new RandomState(5);
        double[] p5 = [5.020399546453051, 40.91739757699749, 4.6315593073219015];
        for (var i = 0; i < 3; i++) AssertBits(p5[i], r5.Exponential(1.0 / 50) * 1000, $"seed 5 exp(1/50)*1000 [{i}]");
        var r4 = new RandomState(4);
        double[] p4 = [68.24304678196127, 15.847519526147599, 72.00591691547532];
        for (var i = 0; i < 3; i++) AssertBits(p4[i], r4.Exponential(1.0 / 50) * 1000, $"seed 4 exp(1/50)*1000 [{i}]");
    }

    [Fact]
    public void StreamsCsvReproducedBitForBit()
    {
        var rows = Csv.ReadData("drive_events", "numpy_randomstate_streams.csv").Rows;
        var checkedCount = 0;
        foreach (var group in rows.GroupBy(r => (seed: long.Parse(r[0]), method: r[1])))
        {
            var rs = new RandomState(group.Key.seed);
            foreach (var row in group.OrderBy(r => int.Parse(r[2])))
            {
                var what = $"seed {group.Key.seed} {group.Key.method}[{row[2]}]";
                switch (group.Key.method)
                {
                    case "randint_uint32_first8":
                        Assert.True(uint.Parse(row[3]) == rs.NextUInt32(), what);
                        break;
                    case "random_sample":
                        AssertBits(double.Parse(row[3], CultureInfo.InvariantCulture), rs.RandomSample(), what);
                        break;
                    case "normal_0_1":
                        AssertBits(double.Parse(row[3], CultureInfo.InvariantCulture), rs.Normal(0, 1), what);
                        break;
                    case "exponential_1":
                        AssertBits(double.Parse(row[3], CultureInfo.InvariantCulture), rs.Exponential(1.0), what);
                        break;
                    default:
                        Assert.Fail($"unknown method {group.Key.method}");
                        break;
                }
                checkedCount++;
            }
        }
        Assert.True(checkedCount == 224, $"checked {checkedCount} stream values, expected 224");
    }

    [Fact]
    public void RandomState_Seed0_FirstRandomSamplesMatchNumpy()
    {
        var rs = new RandomState(0);
        AssertBits(0.5488135039273248, rs.RandomSample(), "seed 0 u[0]");
        AssertBits(0.7151893663724195, rs.RandomSample(), "seed 0 u[1]");
    }

    [Fact]
    public void GaussCacheIsSharedAcrossCalls()
    {
        // normal(size=4) equals four scalar draws: the second value of each pair comes from the cache.
        var a = new RandomState(2).Normal(0, 1, 4);
        var b = new RandomState(2);
        for (var i = 0; i < 4; i++) AssertBits(a[i], b.Normal(0, 1), $"cached gauss {i}");
        AssertBits(-0.4167578474054706, a[0], "seed 2 normal[0]");
        AssertBits(1.6402708084049886, a[3], "seed 2 normal[3]");
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void SeedOutOfRangeIsRejected(long seed)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new RandomState(seed));
        Assert.Contains("Seed must be between 0 and 2**32 - 1", ex.Message);
        Assert.Contains($"seed = {seed}", ex.Message);
    }

    [Fact]
    public void IntegerDrawsStayInRangeAndPermutationIsAPermutation()
    {
        var rs = new RandomState(1);
        for (var i = 0; i < 1000; i++)
        {
            var v = rs.RandInt(3, 10);
            Assert.InRange(v, 3, 9);
        }
        var perm = rs.Permutation(50);
        Assert.Equal(Enumerable.Range(0, 50), perm.Order());
        var choice = rs.Choice(20, 5, replace: false);
        Assert.Equal(5, choice.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => rs.Choice(3, 4, replace: false));
    }

    [Fact]
    public void WellKnownNumpyIntegerOutputs()
    {
        // Widely published numpy outputs: seed(0) randint(0, 10, 5) and permutation(10); seed(42) randint(0, 100, 5).
        var r0 = new RandomState(0);
        Assert.Equal([5L, 0, 3, 3, 7], Enumerable.Range(0, 5).Select(_ => r0.RandInt(0, 10)));
        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], new RandomState(0).Permutation(10));
        var r42 = new RandomState(42);
        Assert.Equal([51L, 92, 14, 71, 60], Enumerable.Range(0, 5).Select(_ => r42.RandInt(0, 100)));
        var u = new RandomState(42);
        AssertBits(0.3745401188473625, u.Uniform(0, 1), "seed 42 uniform[0]");
        AssertBits(0.9507143064099162, u.Uniform(0, 1), "seed 42 uniform[1]");
    }

    [Fact]
    public void UniformAndPoissonHaveTheRightMeans()
    {
        // Not bit-checked against numpy (no reference values); a statistical sanity check only.
        var rs = new RandomState(7);
        var u = Enumerable.Range(0, 20000).Select(_ => rs.Uniform(2.0, 4.0)).Average();
        Assert.True(Math.Abs(u - 3.0) < 0.02, $"uniform(2,4) mean {u}, expected 3 ± 0.02");
        foreach (var lam in new[] { 3.0, 25.0 })
        {
            var m = Enumerable.Range(0, 20000).Select(_ => (double)rs.Poisson(lam)).Average();
            Assert.True(Math.Abs(m - lam) < 0.05 * lam, $"poisson({lam}) mean {m}");
        }
    }
}
