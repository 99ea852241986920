using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Catalog;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Features.Offers.Bot;

/// <summary>
/// A one-word message that could be a code, sent after a card (routed just before the help fallback): the card
/// again with the code applied, or the plain reason and the card at its normal price. A word that is no code and
/// follows no recent card gets the usual help.
/// </summary>
public sealed class CodeTextHandler(IDbContextFactory<StarsDbContext> dbFactory, OfferCards cards, CatalogService catalog, BotReplies replies, BotSender sender, Languages.BuyerWords words) : IBotUpdateHandler
{
    /// <summary>How long after a card a typed word is taken as a code for it.</summary>
    private static readonly TimeSpan CardContext = TimeSpan.FromHours(1);

    public bool IsFor(Update update) =>
        update.Message is { Chat.Type: ChatType.Private, From: not null, Text: { } text, SuccessfulPayment: null } && !text.StartsWith('/') && PromoCodes.LooksLikeCode(text);

    public async Task HandleAsync(BotUpdate update, CancellationToken ct)
    {
        var message = update.Update.Message!;
        var buyer = message.From!;
        var codeText = PromoCodes.Normalize(message.Text);
        PromoCode? code;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            code = await db.PromoCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Code == codeText, ct);
        var actionId = code?.ActionId ?? await cards.LastCardAsync(update.Bot.BotId, buyer.Id, CardContext, ct);
        if (actionId is null)
        {
            if (code is null) await replies.SendHelpAsync(update.Bot, message.Chat.Id, buyer, ct);
            else await sender.SendTextAsync(update.Bot, message.Chat.Id, OfferTexts.CodeWithoutCard(codeText, await words.ForAsync(buyer, ct)), SendPriority.Reply, ct: ct);
            return;
        }
        if (await catalog.GetAsync(actionId.Value, ct) is not { } action)
        {
            await replies.SendHelpAsync(update.Bot, message.Chat.Id, buyer, ct);
            return;
        }
        await cards.OpenAsync(update.Bot, buyer, message.Chat.Id, action, codeText, ct);
    }
}
