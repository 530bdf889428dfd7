using Akka.Actor;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Engine;

/// <summary>Losing workers (docs/dev/epoch-protocol.md §7): who is lost, and going back to the last checkpoint.</summary>
internal sealed partial class CoordinatorActor
{
    // A worker that crashes, freezes or leaves can take a trial through this many recoveries before it fails.
    private const int MaxRecoveries = 20;

    private void OnTerminated(Terminated t)
    {
        var actor = t.ActorRef;
        if (Array.IndexOf(_driveActors, actor) is var d and >= 0)
        {
            Fail("the drive actor stopped unexpectedly", null, $"drive '{_run.Network.Drives[d].Name}'");
            return;
        }
        var shard = Array.IndexOf(_shards, actor);
        if (shard < 0) return; // a shard of an earlier generation, already replaced
        var worker = _placement.AddressOf(shard);
        if (worker is null)
        {
            Fail("the actor stopped unexpectedly", shard, _run.Layout[shard].Name);
            return;
        }
        // A remote shard stops with its node (or its node's actor system shutting down): the worker is lost.
        WorkerLost(worker, t.AddressTerminated ? "unreachable" : "its shard stopped");
    }

    // Every shard of a lost worker moves to the survivors; all shards go back to the last checkpoint (C5),
    // or, before the first checkpoint is complete, to the start: the state at epoch 0 is the built state (C7).
    private void WorkerLost(Address worker, string how)
    {
        if (!_placement.IsLive(worker)) return;
        var moved = _placement.Lose(worker);
        if (moved.Length == 0) return;   // it held none of this trial's shards
        if (!_placement.HasWorkers)
        {
            var lost = string.Join(", ", _placement.Lost);
            Fail($"worker{(_placement.Lost.Count > 1 ? "s" : "")} {lost} {(_placement.Lost.Count > 1 ? "were" : "was")} lost ({how}) and no worker is left to take over the shards",
                moved[0], _run.Layout[moved[0]].Name);
            return;
        }
        if (!_checkpoints.Enabled)
        {
            Fail($"worker {worker} was lost ({how}) and checkpoints are off (checkpoint interval 0), so the trial cannot resume", moved[0], _run.Layout[moved[0]].Name);
            return;
        }
        if (_recoveries >= MaxRecoveries)
        {
            Fail($"worker {worker} was lost ({how}) after {_recoveries} recoveries; giving up", moved[0], _run.Layout[moved[0]].Name);
            return;
        }
        if (_checkpoints.Last is null) Restart(moved);
        else Recover(moved);
    }

    // The lost worker's shards are placed again; every shard goes back to the last checkpoint.
    private void Recover(int[] moved)
    {
        var cp = _checkpoints.Last!;
        NextGeneration();
        foreach (var s in moved)
        {
            if (!_shards[s].IsNobody()) Context.Unwatch(_shards[s]);
            PlaceShard(_run.Layout[s], new RestoreShard(_generation, cp.Shards[s]));
        }
        for (var i = 0; i < _shards.Length; i++)
            if (!moved.Contains(i)) _shards[i].Tell(new RestoreShard(_generation, cp.Shards[i]));
        _exchange.Recorder.Rewind(cp.RecordedSpikes, Plan.FirstStep(cp.Epoch));
        Become(Recovering);
    }

    // No complete checkpoint yet (lost while building or in the first epochs): the lost shards are built
    // again elsewhere, the others are released and built again too, and the trial starts over at epoch 0
    // with the drive spikes it already has.
    private void Restart(int[] moved)
    {
        NextGeneration();
        for (var i = 0; i < _shards.Length; i++)
        {
            if (!_shards[i].IsNobody())
            {
                Context.Unwatch(_shards[i]);
                if (!moved.Contains(i)) _shards[i].Tell(ReleaseShard.Instance);
            }
            PlaceShard(_run.Layout[i]);
        }
        _epoch = -1;
        _exchange.Recorder.Rewind(0, 0);
        Become(Building);
    }

    private void NextGeneration()
    {
        _generation++;
        _recoveries++;
        _restored = 0;
        _checkpoints.AbandonPending();
        _ended = null;
    }
}
