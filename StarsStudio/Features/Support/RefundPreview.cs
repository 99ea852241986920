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

/// <summary>What a refund would take back, shown before staff confirm.</summary>
public sealed record RefundPreview(
    bool CanRefund, string? Why, int Stars, int CreditsGranted, int CreditsSpent, int CommandUsesLeft, int CommandUsesSpent)
{
    /// <summary>Credits the buyer already spent: they cannot be taken back, so the refund costs the creator them.</summary>
    public int Shortfall => CreditsSpent;
}
