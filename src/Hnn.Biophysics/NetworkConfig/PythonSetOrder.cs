namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// The order in which CPython iterates <c>set(values)</c> of non-negative ints (docs/dev/io.md §5.4):
/// HNN-core writes a connection's src_gids and target_gids as list(set), so a set of gids 105…129
/// comes out as [128, 129, 105, …]. Reproduces CPython's open-addressing table (hash(n) = n, 8 slots
/// to start, growth to 4× the entries when 3/5 full, nine linear probes then perturbed jumps) and
/// the one rebuild from iteration order that HNN-core's deepcopy of the connection makes.
/// </summary>
internal static class PythonSetOrder
{
    private const int MinSize = 8;
    private const int LinearProbes = 9;
    private const int PerturbShift = 5;

    public static int[] Of(IEnumerable<int> values)
    {
        var once = Build(values);
        return Build(once);
    }

    private static int[] Build(IEnumerable<int> values)
    {
        var table = new long[MinSize];
        Array.Fill(table, -1);
        var mask = MinSize - 1;
        var used = 0;
        foreach (var v in values)
        {
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(values), v, "gids are non-negative");
            if (!Insert(table, mask, v, checkDuplicate: true)) continue;
            used++;
            if ((long)used * 5 >= (long)mask * 3)
            {
                var minUsed = used > 50000 ? used * 2 : used * 4;
                var size = MinSize;
                while (size <= minUsed) size <<= 1;
                var grown = new long[size];
                Array.Fill(grown, -1);
                foreach (var old in table)
                    if (old >= 0) Insert(grown, size - 1, (int)old, checkDuplicate: false);
                table = grown;
                mask = size - 1;
            }
        }
        return table.Where(x => x >= 0).Select(x => (int)x).ToArray();
    }

    /// <summary>Returns false when the value is already present.</summary>
    private static bool Insert(long[] table, int mask, int value, bool checkDuplicate)
    {
        ulong perturb = (ulong)value;
        var i = (ulong)value & (ulong)mask;
        while (true)
        {
            var probes = i + LinearProbes <= (ulong)mask ? LinearProbes : 0;
            var j = i;
            for (var p = 0; p <= probes; p++, j++)
            {
                if (table[j] < 0)
                {
                    table[j] = value;
                    return true;
                }
                if (checkDuplicate && table[j] == value) return false;
            }
            perturb >>= PerturbShift;
            i = (i * 5 + 1 + perturb) & (ulong)mask;
        }
    }
}
