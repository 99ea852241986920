using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public sealed record DashboardData(
    IReadOnlyList<EarningsPoint> Earnings, long Gross, long Refunded,
    IReadOnlyDictionary<OrderStatus, int> ByStatus, IReadOnlyList<FunnelRow> Funnel, IReadOnlyList<AttentionItem> Attention)
{
    public long Net => Gross - Refunded;
    public bool HasSales => Gross > 0 || ByStatus.Count > 0;
}
