using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Payments;

public enum PaymentMatch
{
    /// <summary>Paid the order its payload names, for the right amount.</summary>
    Matched,
    /// <summary>The payload names no order of ours, or its signature is wrong: support decides.</summary>
    Unmatched,
    /// <summary>The order was already paid by another charge (Telegram lets an invoice be paid twice).</summary>
    SecondPayment,
    /// <summary>Amount or currency differ from the order.</summary>
    WrongAmount,
}
