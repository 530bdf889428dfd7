using Hnn.Biophysics.Random;

namespace Hnn.Biophysics.Tests.Random;

/// <summary>SeedSequence / PCG64 / Generator.choice against the numpy 1.24.2 vectors of docs/dev/drives.md §11.2.</summary>
public class DefaultRngTests
{
    [Fact]
    public void SeedSequence_GenerateState32_MatchesNumpyWords()
    {
        Assert.Equal([0x5dfd711bu, 0xad068d6fu, 0x2433f5f9u, 0xb2a36eeau, 0x013bb9adu, 0xd3821e0bu, 0xe3355f0fu, 0x176c45c5u],
            new SeedSequence(3).GenerateState32(8));
        Assert.Equal([0xcd540ab7u, 0x9f1e2e6du, 0x79fb94b6u, 0xd57873dcu, 0x64d420b7u, 0x7d282a1bu, 0x4692d5ffu, 0x33657971u],
            new SeedSequence(42).GenerateState32(8));
    }

    [Fact]
    public void Pcg64_Seed3_StateIncrementAndFirstOutputsMatchNumpy()
    {
        var p = new Pcg64(3);
        Assert.Equal(UInt128.Parse("f38b68fdd16b0f8da7f7267aef605897", System.Globalization.NumberStyles.HexNumber), p.State);
        Assert.Equal(UInt128.Parse("a7043c160277735a2ed88b8bc66abe1f", System.Globalization.NumberStyles.HexNumber), p.Increment);
        Assert.Equal([1579948266424812280UL, 4368382809143759861UL, 14780904992460893238UL],
            new[] { p.NextUInt64(), p.NextUInt64(), p.NextUInt64() });
        var q = new Pcg64(3);
        Assert.Equal([3485385464u, 367860371u, 770692085u, 1017093381u],
            new[] { q.NextUInt32(), q.NextUInt32(), q.NextUInt32(), q.NextUInt32() });
    }

    [Fact]
    public void Pcg64_Seed42_StateAndFirstOutputsMatchNumpy()
    {
        var p = new Pcg64(42);
        Assert.Equal(UInt128.Parse("cea44f6798798f2aacbc7c9d68860ac8", System.Globalization.NumberStyles.HexNumber), p.State);
        Assert.Equal([14276969152011380360UL, 8095878257575067585UL, 15838336090824644132UL],
            new[] { p.NextUInt64(), p.NextUInt64(), p.NextUInt64() });
    }

    [Theory]
    [InlineData(3, new ulong[] { 8033, 847, 1776 }, new[] { 0, 1, 2, 4, 9 })]
    [InlineData(42, new ulong[] { 883, 7662, 6480 }, new[] { 0, 3, 4, 5, 7 })]
    public void BoundedAndChoice(long seed, ulong[] bounded, int[] choiceSet)
    {
        var g = new DefaultRng(seed);
        Assert.Equal(bounded, new[] { g.Bounded(9899), g.Bounded(9899), g.Bounded(9899) });
        var mask = new DefaultRng(seed).ChooseWithoutReplacement(10, 5);
        Assert.Equal(choiceSet, Enumerable.Range(0, 10).Where(i => mask[i]));
    }

    [Fact]
    public void TailShuffleBranchKeepsKDistinct()
    {
        var mask = new DefaultRng(42).ChooseWithoutReplacement(13900, 9730);
        Assert.Equal(9730, mask.Count(b => b));
    }

    [Fact]
    public void NegativeSeedIsRejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DefaultRng(-1));
        Assert.Contains("expected non-negative integer", ex.Message);
    }
}
