using System.CommandLine;
using System.Diagnostics;
using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Biophysics.Network;
using Hnn.Biophysics.Simulation;

namespace Hnn.Host.Cli;

/// <summary>
/// `hnn bench barrier [--mesh N] [--repeat R]` (default 2 and 5): what the epoch barrier costs. The same trial, with the
/// same shards, once on the calling thread (the sequential engine) and once on the actor engine
/// restricted to one compute thread: both do identical work one shard after another, so the
/// difference per epoch is the barrier (messages, mailboxes, thread hand-offs, the coordinator's
/// exchange). Then the actor engine on every core, for the parallel speed-up.
/// </summary>
internal static class BarrierBench
{
    public static Command Create()
    {
        // A small network by default: the barrier is a few tens of µs per epoch, which the run-to-run spread of
        // a large network's compute (±10 %) would hide.
        var mesh = new Option<int>("--mesh") { Description = "mesh_shape = (N, N) of the ERP network", DefaultValueFactory = _ => 2 };
        var repeat = new Option<int>("--repeat") { Description = "runs of each; the fastest is reported", DefaultValueFactory = _ => 5 };
        var command = new Command("barrier", "Cost of the epoch barrier per epoch: the actor engine on one compute thread against the sequential engine, same shards; then on every core");
        command.Options.Add(mesh);
        command.Options.Add(repeat);
        command.SetAction((parse, cancel) => UserError.GuardAsync("bench barrier", async () =>
        {
            var n = parse.GetValue(mesh);
            if (n is < 1 or > 20) throw new ArgumentException($"--mesh must be 1 … 20, got {n}");
            var r = parse.GetValue(repeat);
            if (r < 1) throw new ArgumentException($"--repeat must be ≥ 1, got {r}");
            var net = Jones2009.AddErpDrives(Jones2009.Create(new(n, n)));
            var grid = TimeGrid.Create(170.0, 0.025);
            Console.WriteLine($"ERP {n}×{n} ({net.CellCount} cells), 170 ms; fastest of {r} runs each");
            Console.WriteLine($"{"shards",7} {"sequential s",13} {"actors, 1 thread s",19} {"barrier µs/epoch",17} {$"actors, {Environment.ProcessorCount} threads s",20} {"speed-up",9}");
            foreach (var perType in new[] { 1, Math.Max(2, Environment.ProcessorCount) })
            {
                var layout = ShardLayout.Split(net, perType);
                var sequential = Fastest(r, () =>
                {
                    var trial = new NetworkTrial(net, grid, 0, layout);
                    var clock = Stopwatch.StartNew();
                    trial.Run(cancel: cancel);
                    return clock.Elapsed.TotalSeconds;
                });
                var (oneThread, epochs) = await ActorRunAsync(net, perType, 1, r, cancel);
                var (allThreads, _) = await ActorRunAsync(net, perType, Environment.ProcessorCount, r, cancel);
                var barrier = (oneThread - sequential) / epochs * 1e6;
                Console.WriteLine($"{layout.Count,7} {sequential,13:F3} {oneThread,19:F3} {barrier,17:F0} {allThreads,20:F3} {oneThread / allThreads,8:F2}×");
            }
            return 0;
        }));
        return command;
    }

    private static double Fastest(int runs, Func<double> run)
    {
        run(); // compiles the code
        return Enumerable.Range(0, runs).Min(_ => run());
    }

    // The fastest simulate time (build excluded, as for the sequential run) on an actor system with `threads` compute threads.
    private static async Task<(double Seconds, int Epochs)> ActorRunAsync(NetworkSpec net, int perType, int threads, int runs, CancellationToken cancel)
    {
        var system = ActorSystem.Create("hnn-bench", EngineConfig.Local(threads));
        try
        {
            await using var sim = new Simulator(system, new SimulatorOptions(ShardsPerType: perType, MaxConcurrentTrials: 1));
            var best = double.MaxValue;
            var epochs = 0;
            for (var i = 0; i <= runs; i++)
            {
                var result = await sim.SimulateDipoleAsync(net, 170.0, cancellationToken: cancel);
                epochs = result.Timings[0].Epochs;
                if (i > 0) best = Math.Min(best, result.Timings[0].Simulate.TotalSeconds);   // run 0 compiles the code
            }
            return (best, epochs);
        }
        finally
        {
            await system.Terminate();
        }
    }
}
