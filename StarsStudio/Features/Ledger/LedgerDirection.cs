namespace StarsStudio.Features.Ledger;

public enum LedgerDirection
{
    All,
    /// <summary>Stars that came in.</summary>
    In,
    /// <summary>Stars that went out, refunds included.</summary>
    Out,
    /// <summary>Payments Telegram gave back to buyers.</summary>
    Refunds,
}
