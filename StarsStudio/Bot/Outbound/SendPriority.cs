namespace StarsStudio.Bot.Outbound;

/// <summary>
/// Who waits for whom when the bot has more to say than Telegram lets it: lower goes first. A buyer who paid comes
/// first (the playbook's first support case is "I paid and nothing came"), then a buyer about to pay, then everyone
/// else: at the cap a card or catalog page for a newcomer must not delay someone's purchase.
/// </summary>
public enum SendPriority
{
    /// <summary>Deliveries and receipts of paid orders.</summary>
    Delivery = 0,
    /// <summary>Invoices: the buyer is one tap from paying.</summary>
    Invoice = 1,
    /// <summary>Answers to a buyer who is looking at the chat right now: cards, catalog pages, command replies.</summary>
    Reply = 2,
    /// <summary>Reminders and other broadcasts.</summary>
    Broadcast = 3,
}
