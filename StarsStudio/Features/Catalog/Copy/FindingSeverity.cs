namespace StarsStudio.Features.Catalog.Copy;

public enum FindingSeverity
{
    /// <summary>Advice: the action can still go live.</summary>
    Warning,

    /// <summary>Blocks going live: Telegram would reject it, or the buyer would be misled.</summary>
    Problem,
}
