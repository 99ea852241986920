using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Payments;

/// <param name="OfferLost">The code the buyer brought could not be used at Buy (used up meanwhile, expired): the
/// caller shows the card at today's price after the problem.</param>
public sealed record CheckoutStart(bool InvoiceSent, string? Problem, Order? Order, bool OfferLost = false);
