using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Delivery;

/// <summary>
/// One order to deliver: the bot, the order, and the terms of the version it was sold under, in the language the
/// buyer saw (the order's <see cref="Order.BuyerLanguage"/>: the creator's translation, else the default text).
/// </summary>
public sealed record DeliveryContext(RunningBot Bot, Order Order, ActionTerms Terms)
{
    /// <summary>Built from the terms as sold; the creator's words are picked for the order's language here, once.</summary>
    public static DeliveryContext For(RunningBot bot, Order order, ActionTerms soldUnder) => new(bot, order, soldUnder.InLanguage(order.BuyerLanguage));

    /// <summary>The bot's own words in the order's language.</summary>
    public Languages.Words Words => Languages.BotWords.For(Order.BuyerLanguage);

    /// <summary>The receipt line for deliverers that send it with their content (<see cref="IDeliverer.SendsReceipt"/>).</summary>
    public string ReceiptFooter => Receipts.Footer(Order);
}
