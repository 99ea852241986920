using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public sealed record FunnelRow(int ActionId, string ActionName, int Invoiced, int Approved, int Paid, int Delivered);
