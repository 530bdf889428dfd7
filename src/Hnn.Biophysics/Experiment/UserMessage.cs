namespace Hnn.Biophysics.Experiment;

/// <summary>An exception's message as a user should read it: without .NET's " (Parameter 'x')" (the text names the argument already).</summary>
internal static class UserMessage
{
    public static string Of(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
}
