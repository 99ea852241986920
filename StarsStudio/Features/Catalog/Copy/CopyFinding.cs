namespace StarsStudio.Features.Catalog.Copy;

public enum FindingSeverity
{
    /// <summary>Advice: the action can still go live.</summary>
    Warning,

    /// <summary>Blocks going live: Telegram would reject it, or the buyer would be misled.</summary>
    Problem,
}

/// <summary>One thing the copy coach noticed about one field.</summary>
/// <param name="Field">One of <see cref="CopyField"/>.</param>
/// <param name="Code">One of <see cref="CopyCodes"/>; stable, for tests and analytics.</param>
/// <param name="Why">Plain words a non-technical creator understands.</param>
/// <param name="Suggestion">A better line, or concrete advice when no full line can be written.</param>
/// <param name="IsReplacement">True when <paramref name="Suggestion"/> can replace the field's text as-is.</param>
public sealed record CopyFinding(
    string Field,
    FindingSeverity Severity,
    string Code,
    string Why,
    string Suggestion,
    bool IsReplacement = false);

/// <summary>The fields a finding can point at.</summary>
public static class CopyField
{
    public const string Title = "Title";
    public const string Description = "Description";
    public const string Promise = "Promise";
    public const string Price = "Price";
}

/// <summary>Finding codes. Stable strings: tests and the editor page key on them.</summary>
public static class CopyCodes
{
    public const string Empty = "Empty";
    public const string TooLong = "TooLong";
    public const string VaguePromise = "VaguePromise";
    public const string DeveloperLabel = "DeveloperLabel";
    public const string LeftoverPlaceholder = "LeftoverPlaceholder";
    public const string PromiseTooShort = "PromiseTooShort";
    public const string PromiseNotConcrete = "PromiseNotConcrete";
    public const string ExpiryNotStated = "ExpiryNotStated";
    public const string InvoiceLacksWhen = "InvoiceLacksWhen";
    public const string PaidMediaInstead = "PaidMediaInstead";
    public const string SubscriptionInstead = "SubscriptionInstead";
    public const string PriceTooLow = "PriceTooLow";
    public const string PriceTooHigh = "PriceTooHigh";
    public const string AllCapsTitle = "AllCapsTitle";
}
