namespace Hnn.Biophysics.Fitting.Objectives;

/// <summary>A loss written in C# by the caller (<see cref="FitObjective.Custom"/>).</summary>
internal sealed class CustomObjective(string name, Func<FitSimulation, double> loss) : FitObjective
{
    public override string Name => name;

    public override double Loss(FitSimulation simulation) => loss(simulation);

    internal override string Canonical => Analysis.CanonicalJson.Write("custom", w => w.WriteString("name", name));
}
