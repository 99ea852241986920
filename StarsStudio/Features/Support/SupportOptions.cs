using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Payments;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Features.Support;

public sealed class SupportOptions
{
    public const string Section = "StarsStudio:Support";
    /// <summary>How often reconciliation runs by itself; 0 turns the schedule off (the inbox button still works).</summary>
    public int ReconcileEveryMinutes { get; set; } = 60;
}
