using StarsStudio.Features.Audit;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>One row of the inbox.</summary>
public sealed record SupportRequestView(SupportRequest Request, Buyer? Buyer, string? OrderCode, IReadOnlyList<OrderRow> RecentOrders);
