// TestData moved to tests/Hnn.TestSupport (namespace Hnn.TestSupport, a global using of this
// project). EngineTests.cs still says `using Hnn.Biophysics.Tests;`, which needs the namespace to
// exist here; delete this file together with that line.
namespace Hnn.Biophysics.Tests
{
}
