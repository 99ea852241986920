namespace StarsStudio.Features.Offers;

/// <summary>Why a code does (or does not) apply right now; each has its own plain sentence for the buyer.</summary>
public enum CodeRule
{
    Applies,
    Unknown,
    Withdrawn,
    NotYet,
    Expired,
    OtherAction,
    UsedUp,
    UsedUpByBuyer,
    FirstPurchaseOnly,
}
