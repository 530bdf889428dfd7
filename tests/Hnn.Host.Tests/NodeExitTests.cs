using Hnn.Host.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// A worker the cluster downs (as it does one frozen past the failure detector) cannot rejoin:
/// `hnn node` then ends with exit code 3 and says so, so that a supervisor starts a new one
/// instead of taking the exit for a clean stop. Stopped with SIGTERM it leaves and exits 0.
/// </summary>
public sealed class NodeExitTests(ITestOutputHelper output)
{
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Theory]
    [InlineData("downed", 3, "was downed by the cluster")]
    [InlineData("SIGTERM", 0, "worker stopped")]
    public async Task AWorkerSaysWhyItEnded(string how, int exitCode, string message)
    {
        using var coordinatorHost = ClusterNodeHost.Build(new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole));
        await coordinatorHost.StartAsync();
        var coordinator = ClusterNodeHost.ActorSystemOf(coordinatorHost);
        var cluster = Akka.Cluster.Cluster.Get(coordinator);
        using var worker = HnnProcess.Start("node", "--seed", cluster.SelfAddress.ToString());
        try
        {
            var addresses = await ClusterNodeHost.WaitForWorkersAsync(coordinator, 1, TimeSpan.FromSeconds(60));
            if (how == "downed") cluster.Down(addresses[0]);
            else Assert.Equal(0, Kill(worker.Id, 15));
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await worker.WaitForExitAsync(limit.Token);
            var said = await worker.StandardOutput.ReadToEndAsync() + await worker.StandardError.ReadToEndAsync();
            output.WriteLine(said);
            Assert.Equal(exitCode, worker.ExitCode);
            Assert.Contains(message, said);
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
            using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await coordinatorHost.StopAsync(stopLimit.Token);
        }
    }
}
