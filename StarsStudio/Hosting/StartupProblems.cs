using Microsoft.Extensions.Options;

namespace StarsStudio.Hosting;

/// <summary>Turns start-up failures an operator can fix into one sentence for the console.</summary>
public static class StartupProblems
{
    public static string? Explain(Exception e) => e switch
    {
        StartupProblemException p => p.Message,
        OptionsValidationException o => string.Join(" ", o.Failures),
        AggregateException a when a.InnerExceptions.Count == 1 => Explain(a.InnerException!),
        _ when e.InnerException is { } inner => Explain(inner),
        _ => null,
    };
}
