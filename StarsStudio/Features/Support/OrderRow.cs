using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>One row of the orders grid and of the CSV. <paramref name="BuyerLanguage"/>: the language the buyer saw (Features/Languages).</summary>
public sealed record OrderRow(long Id, string Code, DateTimeOffset CreatedAt, long BuyerId, string? BuyerName, string? Username,
    int ActionId, string ActionName, int ActionVersion, int Stars, OrderStatus Status, bool Resolved, string? ChargeId, string? Problem,
    int? ListStars = null, string? PromoCode = null, string? BuyerLanguage = null)
{
    public string Describe() => new Order { Code = Code, Status = Status, Resolved = Resolved }.Describe();
}
