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
public sealed class PaySupportCommand(SettingsService settings, SupportDesk desk, BotSender sender) : IBotCommand
{
    public string Name => "paysupport";
    public string? MenuDescription => "Help with a payment";

    public async Task RunAsync(CommandContext c, CancellationToken ct)
    {
        await sender.SendTextAsync(c.Bot, c.ChatId, (await settings.BuyerTextsAsync(ct)).Support, SendPriority.Reply, ct: ct);
        if (c.Message.Chat.Type != ChatType.Private) return;
        var orders = await desk.RecentOrdersAsync(c.Bot.BotId, c.From.Id, ct);
        if (orders.Count == 0)
        {
            await desk.SetPromptAsync(c.Bot.BotId, c.From.Id, null, ct);
            await sender.SendTextAsync(c.Bot, c.ChatId, SupportCallbackHandler.DescribePrompt, SendPriority.Reply, ct: ct);
            return;
        }
        var buttons = orders.Select(o => new[] { InlineKeyboardButton.WithCallbackData($"{o.Code} · {o.Action?.Name ?? "order"} · ⭐{o.Stars}", $"ps:{o.Id}") })
            .Append([InlineKeyboardButton.WithCallbackData("Something else", "ps:0")]);
        await sender.SendTextAsync(c.Bot, c.ChatId, "Which purchase is this about?", SendPriority.Reply, new InlineKeyboardMarkup(buttons), ct: ct);
    }
}

/// <summary>ps:{orderId} buttons of /paysupport: remember the choice and ask for a description.</summary>
public sealed class SupportCallbackHandler(SupportDesk desk, BotSender sender) : IBotUpdateHandler
{
    public const string DescribePrompt = "Please describe the problem in one message (what you paid for and what went wrong). Our team will answer you here.";

    /// <summary>The routing table asks: is this update for this handler right now (a conversation is pending)?</summary>
    public bool IsFor(Update update) => update.CallbackQuery is { Data: ['p', 's', ':', ..] };

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var query = update.Update.CallbackQuery!;
        long? orderId = long.TryParse(query.Data!.AsSpan(3), out var id) && id > 0 ? id : null;
        if (orderId is { } chosen && !(await desk.RecentOrdersAsync(update.Bot.BotId, query.From.Id, ct)).Any(o => o.Id == chosen))
            orderId = null; // not one of theirs (or too old): treat as "Something else"
        await desk.SetPromptAsync(update.Bot.BotId, query.From.Id, orderId, ct);
        try { await update.Client.AnswerCallbackQuery(query.Id, cancellationToken: ct); }
        catch (Telegram.Bot.Exceptions.ApiRequestException) { /* an old button: the prompt below still goes out */ }
        await sender.SendTextAsync(update.Bot, query.Message?.Chat.Id ?? query.From.Id, DescribePrompt, SendPriority.Reply, ct: ct);
    }
}

/// <summary>
/// A private text message from a buyer with a pending /paysupport prompt becomes a support request. Runs after
/// commands (a /command is never swallowed) and before the help fallback; claims nothing without a prompt.
/// </summary>
public sealed class SupportTextHandler(SupportDesk desk, BotSender sender) : IBotUpdateHandler
{

    /// <summary>The routing table asks: is this update for this handler right now (a conversation is pending)?</summary>
    public bool IsFor(Update update) =>
        update.Message is { Text: { Length: > 0 } text, From: { } from, Chat.Type: ChatType.Private } m
        && m.SuccessfulPayment is null && m.RefundedPayment is null && text[0] != '/' && desk.HasPendingPrompt(from.Id);

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        var request = await desk.TakePromptAsync(update.Bot.BotId, message.From!.Id, message.Text!, ct);
        var reply = request is null
            ? "That request timed out. Send /paysupport to start again."
            : $"Thank you. We received your request #{request.Id} and will answer you here as soon as we can.";
        await sender.SendTextAsync(update.Bot, message.Chat.Id, reply, SendPriority.Reply, ct: ct);
    }
}
