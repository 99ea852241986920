using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Catalog.Bot;
using StarsStudio.Features.Delivery.Bot;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Bot;
using StarsStudio.Features.Reports.Bot;
using StarsStudio.Features.Support;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace StarsStudio.Hosting;

/// <summary>
/// The whole routing table at a glance, first match wins (the shape of Telegram.Bot.Examples' update switch). It
/// lives in the composition root because it names every feature's handler; the features know nothing of each other.
/// </summary>
public sealed class BotRoutes(
    PreCheckoutHandler preCheckout,
    SuccessfulPaymentHandler payment,
    RefundedPaymentHandler refund,
    BuyButtonHandler buy,
    SendAgainButtonHandler sendAgain,
    CatalogCallbackHandler catalog,
    QuestionAnswerHandler answers,
    SupportCallbackHandler supportButtons,
    SupportTextHandler supportText,
    Features.Offers.Bot.CodeTextHandler codeText,
    CommandHandler commands,
    ChatMemberHandler chatMember,
    FallbackMessageHandler fallback) : IUpdateRoutes
{
    public BotRoute? Find(Update update) => update switch
    {
        // Money first: Telegram waits 10 s for pre-checkout, and no text handler may swallow a payment message.
        { PreCheckoutQuery: not null } => Money(preCheckout),
        { Message.SuccessfulPayment: not null } => Money(payment),
        { Message.RefundedPayment: not null } => Money(refund),

        // Buttons, by the prefix of their callback data.
        { CallbackQuery.Data: ['b', 'u', 'y', ':', ..] } => To(buy),
        { CallbackQuery.Data: ['d', 'l', ':', ..] } => To(sendAgain),
        { CallbackQuery.Data: ['c', 'a', 't', ':', ..] or ['a', 'c', 't', ':', ..] } => To(catalog),
        { CallbackQuery.Data: ['a', 'n', 's', ':', ..] } => To(answers),
        { CallbackQuery.Data: ['p', 's', ':', ..] } => To(supportButtons),

        // Messages: a /command always wins; then a conversation waiting for the buyer's text; then help.
        { Message: { From: not null, Text: ['/', ..] } } => To(commands),
        _ when answers.IsFor(update) => To(answers),
        _ when supportText.IsFor(update) => To(supportText),
        _ when codeText.IsFor(update) => To(codeText),
        { MyChatMember.Chat.Type: ChatType.Private } => To(chatMember),
        { Message: { From: not null, Chat.Type: ChatType.Private } } => To(fallback),
        _ => null,
    };

    private static BotRoute Money(IBotUpdateHandler handler) => new(handler, IsMoney: true);
    private static BotRoute To(IBotUpdateHandler handler) => new(handler, IsMoney: false);
}
