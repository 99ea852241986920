using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Support;

public sealed record ReconciliationSummary(int TransactionsRead, int NewFindings, int StillOpen, int ClearedByThemselves);
