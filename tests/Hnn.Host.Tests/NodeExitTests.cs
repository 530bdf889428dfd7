using Hnn.Host.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// A worker the cluster downs (as it does one frozen past the failure detector) cannot rejoin:
/// `hnn node` then ends with exit code 3 and says so, so that a supervisor starts a new one
/// instead of taking the exit for a clean stop. Stopped with SIGTERM it leaves and exits 0. When the
/// coordinator it joined through goes away it joins again and serves the next coordinator started there;
/// with no seed to reach it gives up after --join-timeout with exit code 4.
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

    [Fact]
    public async Task AWorkerWhoseSeedCoordinatorDiedServesTheNextOne()
    {
        var port = FreePort();
        var options = new ClusterNodeOptions(ClusterNodeOptions.CoordinatorRole, Port: port);
        var first = ClusterNodeHost.Build(options);
        await first.StartAsync();
        var seed = Akka.Cluster.Cluster.Get(ClusterNodeHost.ActorSystemOf(first)).SelfAddress.ToString();
        using var worker = HnnProcess.Start("node", "--seed", seed, "--join-timeout", "60");
        try
        {
            await ClusterNodeHost.WaitForWorkersAsync(ClusterNodeHost.ActorSystemOf(first), 1, TimeSpan.FromSeconds(60));
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await first.StopAsync(stop.Token);
            first.Dispose();
            using var next = ClusterNodeHost.Build(options);
            await next.StartAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var workers = await ClusterNodeHost.WaitForWorkersAsync(ClusterNodeHost.ActorSystemOf(next), 1, TimeSpan.FromSeconds(60));
            output.WriteLine($"the worker joined the next coordinator {clock.Elapsed.TotalSeconds:F1} s after it started: {workers[0]}");
            Assert.False(worker.HasExited);
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await next.StopAsync(stop.Token);
        }
        finally
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task AWorkerThatCannotReachItsSeedGivesUp()
    {
        using var worker = HnnProcess.Start("node", "--seed", $"akka.tcp://hnn@127.0.0.1:{FreePort()}", "--join-timeout", "3");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await worker.WaitForExitAsync(limit.Token);
        var said = await worker.StandardOutput.ReadToEndAsync() + await worker.StandardError.ReadToEndAsync();
        output.WriteLine($"{said.Trim()} (exit {worker.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s)");
        Assert.Equal(4, worker.ExitCode);
        Assert.Contains("could not join the cluster through", said);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
