using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public sealed record OrderPage(IReadOnlyList<OrderRow> Rows, int Total);
