namespace StarsStudio.Features.Catalog.Copy;

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
    public const string DiscountNotOffered = "DiscountNotOffered";
    public const string PriceMismatch = "PriceMismatch";
}
