namespace Hnn.Actors.Engine;

/// <summary>What a coupled run returns (<see cref="ISimulator.SimulateAsync"/>): one <see cref="SimulationResult"/> per network, in the spec's order.</summary>
public sealed record MultiNetworkResult(IReadOnlyList<string> Names, IReadOnlyList<SimulationResult> Results)
{
    public SimulationResult this[string name] =>
        Names.ToList().IndexOf(name) is var i and >= 0 ? Results[i]
            : throw new ArgumentException($"network = '{name}' is invalid: the run has no network of that name. Allowed: {string.Join(", ", Names.Select(n => $"'{n}'"))}.", nameof(name));
}
