namespace Hnn.Biophysics.Tests.Cells;

/// <summary>The reference single-cell traces (tests/data/single_cell) by cell type and condition.</summary>
internal static class ReferenceTraces
{
    /// <summary>tests/data/single_cell/&lt;cellType&gt;/&lt;condition&gt;.csv.gz as named columns.</summary>
    public static Dictionary<string, double[]> Read(string cellType, string condition) =>
        Csv.ReadData("single_cell", cellType, condition + ".csv.gz").NumericColumns();

    /// <summary>The rows of tests/data/single_cell/index.csv.</summary>
    public static IEnumerable<string[]> Index() => Csv.ReadData("single_cell", "index.csv").Rows;
}
