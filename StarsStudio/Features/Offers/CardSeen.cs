namespace StarsStudio.Features.Offers;

/// <summary>
/// The action whose card a buyer saw last, so a code they send after it (a code for every action) applies to that
/// action. One row per buyer and bot, overwritten.
/// </summary>
public sealed class CardSeen
{
    public long BotId { get; set; }
    public long BuyerId { get; set; }
    public int ActionId { get; set; }
    public DateTimeOffset At { get; set; }
}
