using Akka.Actor;
using Akka.Cluster;

namespace Hnn.Host.Hosting;

/// <summary>
/// What a worker watches of its own membership (docs/cli.md, hnn node): whether it got into the cluster
/// through its seeds in time, and whether every seed it joined through has since left it — then the next
/// coordinator, started at a seed's address, would found a new cluster and never find this worker, so once
/// no coordinator is left either the worker joins again through the seeds.
/// </summary>
internal static class NodeMembership
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// True once this node is Up, or when it is being stopped or was downed (<paramref name="cancel"/>, a
    /// shutdown under way: the caller's usual shutdown handling follows); false when <paramref name="timeout"/> passes first.
    /// </summary>
    public static async Task<bool> WaitUntilUpAsync(ActorSystem system, TimeSpan timeout, CancellationToken cancel)
    {
        var cluster = Cluster.Get(system);
        var deadline = DateTime.UtcNow + timeout;
        while (cluster.SelfMember.Status != MemberStatus.Up && !cancel.IsCancellationRequested
               && CoordinatedShutdown.Get(system).ShutdownReason is null && !cluster.IsTerminated)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(Poll, CancellationToken.None).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// Completes when none of <paramref name="seeds"/> (other than this node) is a member any more and no
    /// coordinator is either: a cluster that still has a coordinator running is kept serving it (a seed
    /// worker that died mid-run must not take the other workers out of the run).
    /// </summary>
    public static async Task SeedsGoneAsync(ActorSystem system, IReadOnlyList<Address> seeds, CancellationToken cancel)
    {
        var cluster = Cluster.Get(system);
        var others = seeds.Where(s => s != cluster.SelfAddress).ToArray();
        if (others.Length == 0) await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
        static bool Alive(Member m) => m.Status is MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp;
        while (cluster.State.Members.Any(m => Alive(m) && (others.Contains(m.Address) || m.HasRole(ClusterNodeOptions.CoordinatorRole))))
            await Task.Delay(Poll, cancel).ConfigureAwait(false);
    }
}
