namespace StarsStudio.Features.Ledger;

/// <summary>
/// One Star transaction as getStarTransactions listed it. A refund reuses the id of the payment it refunds, so an
/// entry is unique by bot, id and direction, never by id alone. Amounts are whole Stars plus nanostars (1e-9),
/// never floating point, so sums are exact.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public long BotId { get; set; }
    public required string TransactionId { get; set; }
    /// <summary>Telegram listed it with a receiver (money left the bot) instead of a source.</summary>
    public bool Outgoing { get; set; }
    public LedgerKind Kind { get; set; }
    /// <summary>The partner's type as Telegram sent it ("user", "fragment", …), so an unknown one is still shown.</summary>
    public required string PartnerType { get; set; }
    /// <summary>A user partner's transaction_type as Telegram sent it.</summary>
    public string? TransactionType { get; set; }
    public long? CounterpartyId { get; set; }
    /// <summary>Who it was with, for people: a name and @username, "Fragment", a chat title.</summary>
    public string? Counterparty { get; set; }
    public long Amount { get; set; }
    public long NanostarAmount { get; set; }
    public DateTimeOffset At { get; set; }
    public string? InvoicePayload { get; set; }
    /// <summary>telegram_api: how many paid requests (messages above the free rate) this charge covers.</summary>
    public int? RequestCount { get; set; }
    /// <summary>Whatever else Telegram said that helps a person (withdrawal state, commission, gift).</summary>
    public string? Note { get; set; }
    /// <summary>The paid-broadcast reminder a telegram_api charge belongs to, found by its sending time.</summary>
    public int? ReminderId { get; set; }
    public DateTimeOffset ReadAt { get; set; }

    public long TotalNanostars => StarMath.ToNanostars(Amount, NanostarAmount);
    /// <summary>Plus for money in, minus for money out.</summary>
    public long SignedNanostars => Outgoing ? -TotalNanostars : TotalNanostars;
    /// <summary>An outgoing transaction with a buyer: Telegram gave a payment back.</summary>
    public bool IsRefund => Outgoing && Kind is LedgerKind.InvoicePayment or LedgerKind.PaidMedia;
}
