namespace Hnn.TestSupport;

/// <summary>
/// Locates the reference copies under tests/data (see tests/data/README.md): walks up from the
/// test binary to the folder holding HnnActors.sln, so the suite runs on any clone without ../shared.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RootDir = new(FindRoot);

    /// <summary>The repository root (the folder containing HnnActors.sln).</summary>
    public static string RepositoryRoot => RootDir.Value;

    /// <summary>Absolute path of tests/data/&lt;parts...&gt;.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RootDir.Value, "tests", "data", .. parts]);

    /// <summary>Absolute path of examples/&lt;name&gt;.</summary>
    public static string Example(string name) => System.IO.Path.Combine(RootDir.Value, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HnnActors.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException(
            $"HnnActors.sln not found in any folder above {AppContext.BaseDirectory}; tests need the repository's tests/data");
    }
}
