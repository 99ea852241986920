using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public sealed record EarningsPoint(DateOnly Start, long Gross, long Refunded)
{
    public long Net => Gross - Refunded;
}
