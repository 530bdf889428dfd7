using System.CommandLine;
using Hnn.Actors.Engine;
using Hnn.Host.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Hnn.Host.Serve;

/// <summary>
/// `hnn serve [--urls URL] [--data DIR] [--api-key KEY] [--max-* N] [--cluster ...]`: the simulator
/// as an HTTP service with the browser workbench (docs/serve.md). Prints one line,
/// <c>hnn serve: listening on URL</c>, once it listens; runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { HelpName = "URLS", Description = "addresses to listen on, ';' between them (default http://127.0.0.1:8080; port 0: any free port)" };
        var data = new Option<string?>("--data") { HelpName = "DIR", Description = "folder of the run index (runs.db) and the runs' files (default ./hnn-data)" };
        var apiKey = new Option<string?>("--api-key") { HelpName = "KEY", Description = "key every API request must carry (X-Api-Key header or api_key query); required beyond loopback" };
        var maxConcurrent = new Option<int?>("--max-concurrent") { HelpName = "N", Description = "simulations at once; the others wait queued (default 1)" };
        var maxCells = new Option<int?>("--max-cells") { HelpName = "N", Description = "largest network a run may have, in cells (default 5000)" };
        var maxTstop = new Option<double?>("--max-tstop") { HelpName = "MS", Description = "longest tstop a run may have, ms (default 2000)" };
        var maxTrials = new Option<int?>("--max-trials") { HelpName = "N", Description = "most trials a run may have (default 50)" };
        var maxJobs = new Option<int?>("--max-jobs") { HelpName = "N", Description = "most jobs a sweep may have (default 500)" };
        var maxBody = new Option<long?>("--max-body-bytes") { HelpName = "BYTES", Description = "largest request body, bytes (default 1048576)" };
        var checkpoint = new Option<int>("--checkpoint-every") { Description = "with --cluster: epochs between checkpoints (recovery points)", DefaultValueFactory = _ => 20 };
        var coordinator = new CoordinatorOptions("place every run's shards on its workers", checkpoint);
        var command = new Command("serve", "Serve the simulator over HTTP: submit runs and sweeps, watch them live, download their files; with a browser workbench");
        Option[] own = [urls, data, apiKey, maxConcurrent, maxCells, maxTstop, maxTrials, maxJobs, maxBody];
        foreach (var o in own) command.Options.Add(o);
        coordinator.AddTo(command);
        command.SetAction((parse, cancel) => UserError.GuardAsync("serve", async () =>
        {
            ServeOptions Adjust(ServeOptions o) => o with
            {
                Urls = parse.GetValue(urls) ?? o.Urls,
                DataDirectory = parse.GetValue(data) ?? o.DataDirectory,
                ApiKey = parse.GetValue(apiKey) ?? o.ApiKey,
                MaxConcurrent = parse.GetValue(maxConcurrent) ?? o.MaxConcurrent,
                MaxCells = parse.GetValue(maxCells) ?? o.MaxCells,
                MaxTstop = parse.GetValue(maxTstop) ?? o.MaxTstop,
                MaxTrials = parse.GetValue(maxTrials) ?? o.MaxTrials,
                MaxJobs = parse.GetValue(maxJobs) ?? o.MaxJobs,
                MaxBodyBytes = parse.GetValue(maxBody) ?? o.MaxBodyBytes,
            };
            // Bad options and a binding beyond loopback without a key are refused before anything starts.
            var (builder, options) = ServeApp.CreateBuilder([], Adjust);
            if (!coordinator.OnCluster(parse)) return await ServeAsync(ServeApp.Build(builder, options), cancel);
            var every = parse.GetValue(checkpoint);
            if (every < 1) throw new ArgumentException($"--checkpoint-every must be ≥ 1 epoch, got {every}");
            return await coordinator.RunAsync(parse, (system, workers) =>
                ServeAsync(ServeApp.Build(builder, options, o => new Simulator(system, o with { Workers = workers, CheckpointEvery = every })), cancel), cancel);
        }));
        return command;
    }

    private static async Task<int> ServeAsync(Microsoft.AspNetCore.Builder.WebApplication app, CancellationToken cancel)
    {
        await using (app)
        {
            await app.StartAsync(CancellationToken.None);
            Console.WriteLine($"hnn serve: listening on {string.Join(" ", ServeApp.Addresses(app))}");
            var stopped = new TaskCompletionSource();
            using (cancel.Register(() => stopped.TrySetResult()))
            using (app.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult()))
                await stopped.Task;
            // The runs first (recorded as interrupted), while the actor system still runs them.
            await Task.Run(app.Services.GetRequiredService<RunService>().Dispose, CancellationToken.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await app.StopAsync(timeout.Token);
        }
        Console.Error.WriteLine("hnn serve: stopped");
        return 0;
    }
}
