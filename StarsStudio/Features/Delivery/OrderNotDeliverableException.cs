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

/// <summary>The order stopped being deliverable while its delivery ran (a refund committed first): nothing more goes out.</summary>
public sealed class OrderNotDeliverableException() : Exception("The order is no longer being delivered (it was refunded meanwhile).");
