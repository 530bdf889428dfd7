using Akka.Actor;
using Hnn.Actors.Engine;
using Hnn.Actors.Messages;

namespace Hnn.Actors.Tests;

/// <summary>How a <see cref="FaultyShard"/> misbehaves when it reaches its epoch.</summary>
internal enum Fault
{
    /// <summary>Reports an exception, as a shard whose physics threw does.</summary>
    Throws,

    /// <summary>Never answers (the coordinator's watchdog must notice).</summary>
    Hangs,

    /// <summary>Stops without a word (as an actor killed by a bug).</summary>
    Stops,
}

/// <summary>
/// A real shard (a child <see cref="PopulationActor"/> that does the work) behind a wrapper that
/// misbehaves in one epoch; the test seam <see cref="Simulator.ShardProps"/> puts it in place of
/// one shard, so production messages carry no test hooks.
/// </summary>
internal sealed class FaultyShard : ReceiveActor
{
    public FaultyShard(Fault fault, int epoch)
    {
        var shard = Context.ActorOf(PopulationActor.Props(), "shard");
        var (index, name, msPerStep) = (-1, "", 0.0);
        Receive<BuildShard>(m =>
        {
            (index, name) = (m.Shard.Index, m.Shard.Name);
            msPerStep = m.Grid.Dt;
            shard.Forward(m);
        });
        Receive<Advance>(m =>
        {
            if (m.Epoch != epoch)
            {
                shard.Forward(m);
                return;
            }
            switch (fault)
            {
                case Fault.Throws:
                    Sender.Tell(new ShardFailed(index, name, m.Epoch, m.Epoch * m.Steps * msPerStep, $"injected fault in epoch {m.Epoch}"));
                    break;
                case Fault.Stops:
                    Context.Stop(Self);
                    break;
            }
        });
        ReceiveAny(m => shard.Forward(m));
    }

    public static Func<Biophysics.Simulation.ShardSpec, Props> Replace(int shard, Fault fault, int epoch) =>
        s => s.Index == shard ? Props.Create(() => new FaultyShard(fault, epoch)) : PopulationActor.Props();
}
