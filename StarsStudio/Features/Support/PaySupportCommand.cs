using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using StarsStudio.Features.Settings;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace StarsStudio.Features.Support;

/// <summary>
/// /paysupport: Telegram requires every Stars bot to answer it (Developer Terms 6.2.1). Opens with the creator's
/// support text, then asks which order it is about (recent orders + "Something else"); the buyer's next text
/// message becomes a request in the Support inbox.
/// </summary>
public sealed class PaySupportCommand(SettingsService settings, SupportDesk desk, Languages.BuyerWords words, BotSender sender) : IBotCommand
{
    public string Name => "paysupport";
    public string? MenuDescription => "Help with a payment";

    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        var w = await words.ForAsync(c.From, ct);
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(w, ct)).Support, SendPriority.Reply, ct: ct);
        if (c.Message.Chat.Type != ChatType.Private) return;
        var orders = await desk.RecentOrdersAsync(c.Bot.BotId, c.From.Id, ct);
        if (orders.Count == 0)
        {
            await desk.SetPromptAsync(c.Bot.BotId, c.From.Id, null, ct);
            await sender.SendTextAsync(c.Bot, c.ChatId, w["support.describe"], SendPriority.Reply, ct: ct);
            return;
        }
        var buttons = orders.Select(o => new[] { InlineKeyboardButton.WithCallbackData($"{o.Code} · {o.Action?.Name ?? w["support.order"]} · ⭐{o.Stars}", $"ps:{o.Id}") })
            .Append([InlineKeyboardButton.WithCallbackData(w["support.something_else"], "ps:0")]);
        await sender.SendTextAsync(c.Bot, c.ChatId, w["support.which"], SendPriority.Reply, new InlineKeyboardMarkup(buttons), ct: ct);
    }
}
