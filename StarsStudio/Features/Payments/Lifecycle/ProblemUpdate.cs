namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>What a transition does to the order's problem text (see <see cref="OrderColumns.Problem"/>).</summary>
public sealed record ProblemUpdate(ProblemMode Mode, string? Text = null)
{
    public static readonly ProblemUpdate Keep = new(ProblemMode.Keep);
    public static readonly ProblemUpdate Clear = new(ProblemMode.Clear);
    /// <summary>A delivery problem is over once the delivery went out; a "sold past the stock" flag stays for support.</summary>
    public static readonly ProblemUpdate ClearUnlessOversold = new(ProblemMode.ClearUnlessOversold);
    /// <summary>The problem becomes this text (none: it is cleared).</summary>
    public static ProblemUpdate Set(string? text) => text is null ? Clear : new(ProblemMode.Set, text);
}
