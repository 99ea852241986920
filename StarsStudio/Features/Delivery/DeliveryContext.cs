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

/// <summary>One order to deliver: the bot, the order, and the terms of the version it was sold under.</summary>
public sealed record DeliveryContext(RunningBot Bot, Order Order, ActionTerms Terms)
{
    /// <summary>The receipt line for deliverers that send it with their content (<see cref="IDeliverer.SendsReceipt"/>).</summary>
    public string ReceiptFooter => Receipts.Footer(Order);
}
