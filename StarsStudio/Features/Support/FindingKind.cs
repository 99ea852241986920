using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public enum FindingKind
{
    /// <summary>Telegram charged the buyer, but we never recorded the payment.</summary>
    PaidNotRecorded,
    /// <summary>We recorded a payment Telegram does not list.</summary>
    RecordedUnknownToTelegram,
    /// <summary>Telegram refunded it, but our order still counts it as paid.</summary>
    RefundedNotRecorded,
    /// <summary>We marked it refunded, but Telegram lists no refund.</summary>
    RefundMissingAtTelegram,
}
