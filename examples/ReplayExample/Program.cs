using ReplayExample;

// Runs the replay tutorial and writes its files under the folder given (default: runs/replay);
// with --live, the same two networks as one coupled run (LiveReplayTutorial.cs).
var live = args.Contains("--live");
var rest = args.Where(a => a != "--live").ToArray();
var outDir = rest.Length > 0 ? rest[0] : Path.Combine("runs", live ? "replay_live" : "replay");
if (live) await LiveReplayTutorial.RunAsync(outDir, Console.Out);
else await ReplayTutorial.RunAsync(outDir, Console.Out);
