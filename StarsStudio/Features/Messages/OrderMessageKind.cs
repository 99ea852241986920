namespace StarsStudio.Features.Messages;

/// <summary>What a message the bot sent (or tried to send) about an order was.</summary>
public enum OrderMessageKind
{
    Card,
    Invoice,
    Refusal,
    Delivery,
    Receipt,
    SupportReply,
    RefundNotice,
    Other,
}
