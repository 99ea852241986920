using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;

namespace StarsStudio.Features.Catalog;

/// <summary>A row of the paid actions list with what sold.</summary>
public sealed record ActionSummary(PaidAction Action, int Paid, int Delivered, int StarsEarned);
