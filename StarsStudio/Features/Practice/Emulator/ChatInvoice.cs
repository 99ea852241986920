using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

/// <param name="TimesPaid">How often this chat's buyer has paid it (Telegram lets an invoice be paid again).</param>
public sealed record ChatInvoice(string Title, string Description, long Amount, int TimesPaid = 0);
