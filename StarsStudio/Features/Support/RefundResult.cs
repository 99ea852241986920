using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace StarsStudio.Features.Support;

public sealed record RefundResult(RefundOutcome Outcome, string Message)
{
    public bool Succeeded => Outcome is RefundOutcome.Refunded or RefundOutcome.AlreadyRefunded;
}
