using ReplayExample;

// Runs the replay tutorial and writes its files under the folder given (default: runs/replay).
var outDir = args.Length > 0 ? args[0] : Path.Combine("runs", "replay");
await ReplayTutorial.RunAsync(outDir, Console.Out);
