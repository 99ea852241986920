using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Delivery;

/// <summary>Runs one use of a paid command whose terms name a report template or a service (Features/Reports).</summary>
public interface ICommandUseRunner
{
    bool Handles(ActionTerms terms);
    /// <summary>Renders or calls and sends the result; throws when the use could not be served (the use is given back).</summary>
    Task RunAsync(RunningBot bot, long buyerId, CommandEntitlement entitlement, ActionTerms terms, string input, CancellationToken ct);
}
