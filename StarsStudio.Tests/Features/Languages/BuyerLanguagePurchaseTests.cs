using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Practice.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Languages;

/// <summary>
/// Buyers in their Telegram language, through the app's own practice bot and the built-in emulator: the virtual
/// buyer's language reaches the bot as from.language_code in every update.
/// </summary>
public sealed class BuyerLanguagePurchaseTests(SharedPracticeApp shared) : IClassFixture<SharedPracticeApp>
{
    private PracticeAppFactory App => shared.App;

    private async Task<long> BotIdAsync()
    {
        var status = App.Service<BotStatus>();
        await Eventually.UntilAsync(() => status.State == BotState.Practice, "the practice bot to run", seconds: 30);
        return App.Service<BotClientAccessor>().Require().BotId;
    }

    /// <summary>The bot's first message after <paramref name="after"/> that matches; fails with the chat so far.</summary>
    private Task<PracticeChatMessage?> BotSaysAsync(long botId, long userId, int after, Func<PracticeChatMessage, bool> match) =>
        Eventually.GetAsync(async () => (await App.Control.ChatAsync(botId, userId)).FirstOrDefault(m => m.Kind == PracticeMessageKind.FromBot && m.MessageId > after && match(m)),
            found => found is not null, _ => "the bot did not send the expected message", seconds: 20);

    private static string Slug(string stem) => $"{stem}-{Guid.NewGuid():N}"[..24];

    /// <summary>The creator's Russian words for an action, written into its terms and the version orders are sold under.</summary>
    private async Task<PaidAction> TranslateAsync(PaidAction action, ActionTranslation translation)
    {
        await using var db = await App.DbAsync();
        var row = await db.PaidActions.FirstAsync(a => a.Id == action.Id);
        row.Terms = row.Terms with { Translations = [translation] };
        var version = await db.PaidActionVersions.FirstAsync(v => v.ActionId == action.Id && v.Version == row.Version);
        version.Terms = version.Terms with { Translations = [translation] };
        await db.SaveChangesAsync();
        return (await App.Service<CatalogService>().GetAsync(action.Id))!;
    }

    private static readonly ActionTranslation Russian = new()
    {
        Language = "ru", Title = "Чек-лист запуска", Promise = "чек-лист запуска из 10 шагов",
        Description = "Десять шагов, чтобы запустить продукт за неделю.", TextContent = "<b>Чек-лист запуска</b>\n1. Выберите дату",
    };

    [Fact]
    public async Task RussianBuyer_WholePurchase_CardInvoiceRefusalAndReceiptInRussian()
    {
        var botId = await BotIdAsync();
        var action = await TranslateAsync(await CatalogSeed.LiveAsync(App, CatalogSeed.Text(slug: Slug("ru-list"), price: 3), f => f.DeepLinkOpensInvoice = false), Russian);
        var buyer = await App.Control.CreateBuyerAsync(botId, "Маша", "masha_ru", "ru", 20);

        // The card: the creator's Russian title and promise, the bot's own words in Russian.
        var start = await App.Control.SendTextAsync(botId, buyer.UserId, $"/start {action.Slug}");
        var card = (await BotSaysAsync(botId, buyer.UserId, start, m => m.Buttons.Count > 0))!;
        Assert.Contains("Чек-лист запуска", card.Text);
        Assert.Contains("После оплаты вы получите чек-лист запуска из 10 шагов.", card.Text);
        Assert.Contains("Цена: ⭐ 3", card.Text);
        var buy = card.Buttons[0][0];
        Assert.Equal("Купить за ⭐ 3", buy.Text);

        // The invoice: the Russian title and description.
        await App.Control.TapButtonAsync(botId, buyer.UserId, card.MessageId, buy.CallbackData!);
        var invoice = (await BotSaysAsync(botId, buyer.UserId, card.MessageId, m => m.Invoice is not null))!;
        Assert.Equal("Чек-лист запуска", invoice.Invoice!.Title);
        Assert.Equal("Десять шагов, чтобы запустить продукт за неделю.", invoice.Invoice.Description);
        Order order;
        await using (var db = await App.DbAsync())
            order = await db.Orders.AsNoTracking().Where(o => o.BuyerId == buyer.UserId).SingleAsync();
        Assert.Equal("ru", order.BuyerLanguage);

        // A refusal at pre-checkout: the price changed after the invoice was sent.
        var form = PaidActionForm.From(action, TimeZoneInfo.Utc);
        form.PriceStars = 4;
        Assert.True((await App.Service<CatalogService>().SaveAsync("creator", form, TimeZoneInfo.Utc)).NewVersion);
        action = await TranslateAsync((await App.Service<CatalogService>().GetAsync(action.Id))!, Russian);
        var refused = await App.Control.PayAsync(botId, buyer.UserId, invoice.MessageId);
        Assert.Equal(PaymentStatus.Rejected, refused.Status);
        Assert.Contains("Предложение изменилось после отправки счёта. Нажмите «Купить» ещё раз", refused.Message);

        // A fresh invoice, paid: the text content and its receipt in Russian.
        var again = await App.Control.SendTextAsync(botId, buyer.UserId, $"/start {action.Slug}");
        var freshCard = (await BotSaysAsync(botId, buyer.UserId, again, m => m.Buttons.Count > 0))!;
        Assert.Equal("Купить за ⭐ 4", freshCard.Buttons[0][0].Text);
        await App.Control.TapButtonAsync(botId, buyer.UserId, freshCard.MessageId, freshCard.Buttons[0][0].CallbackData!);
        var freshInvoice = (await BotSaysAsync(botId, buyer.UserId, freshCard.MessageId, m => m.Invoice is not null))!;
        var paid = await App.Control.PayAsync(botId, buyer.UserId, freshInvoice.MessageId);
        Assert.Equal(PaymentStatus.Paid, paid.Status);
        var delivery = (await BotSaysAsync(botId, buyer.UserId, freshInvoice.MessageId, m => m.Text?.Contains("🧾") == true))!;
        Assert.Contains("Чек-лист запуска", delivery.Text);
        Assert.Contains("1. Выберите дату", delivery.Text);
        Assert.Contains("🧾 Чек · заказ SS-", delivery.Text);
        Assert.Contains("оплачено ⭐4", delivery.Text);
        Assert.Contains("Вопросы по покупке? Отправьте /paysupport с кодом заказа.", delivery.Text);
        Assert.DoesNotContain("Receipt", delivery.Text);
    }

    [Fact]
    public async Task AustrianGermanBuyer_GetsGerman()
    {
        var botId = await BotIdAsync();
        var buyer = await App.Control.CreateBuyerAsync(botId, "Lena", "lena_at", "de-AT", 5);

        var start = await App.Control.SendTextAsync(botId, buyer.UserId, "/start");
        var welcome = (await BotSaysAsync(botId, buyer.UserId, start, _ => true))!;
        Assert.StartsWith("Hallo Lena! 👋", welcome.Text);

        var hello = await App.Control.SendTextAsync(botId, buyer.UserId, "hallo?");
        var help = (await BotSaysAsync(botId, buyer.UserId, hello, _ => true))!;
        Assert.StartsWith("Das habe ich nicht verstanden.", help.Text);

        var stop = await App.Control.SendTextAsync(botId, buyer.UserId, "/stop");
        Assert.StartsWith("Erledigt: Du bekommst keine Erinnerungen mehr.", (await BotSaysAsync(botId, buyer.UserId, stop, _ => true))!.Text);
    }

    [Fact]
    public async Task UnknownLanguage_GetsTheCreatorsDefaultLanguage()
    {
        var botId = await BotIdAsync();
        var settings = App.Service<StarsStudio.Features.Settings.SettingsService>();
        // Through the Settings page's own save (its form carries the default language).
        async Task DefaultLanguageAsync(string code)
        {
            var form = StarsStudio.Features.Settings.SettingsForm.From(await settings.GetAsync());
            form.DefaultLanguage = code;
            await settings.SaveGeneralAsync("test", form);
        }
        await DefaultLanguageAsync("es");
        try
        {
            var korean = await App.Control.CreateBuyerAsync(botId, "Min", "min_ko", "ko", 5);
            var start = await App.Control.SendTextAsync(botId, korean.UserId, "/terms");
            Assert.StartsWith("Condiciones de venta", (await BotSaysAsync(botId, korean.UserId, start, _ => true))!.Text);

            // A language the bot speaks still wins over the default.
            var english = await App.Control.CreateBuyerAsync(botId, "Ann", "ann_en", "en-GB", 5);
            var terms = await App.Control.SendTextAsync(botId, english.UserId, "/terms");
            Assert.StartsWith("Terms of sale", (await BotSaysAsync(botId, english.UserId, terms, _ => true))!.Text);
        }
        finally
        {
            await DefaultLanguageAsync("en");
        }
    }

    [Fact]
    public async Task RussianTranslation_BuyerSeesTheTranslatedTitleAndTextContent_EnglishBuyerTheDefault()
    {
        var botId = await BotIdAsync();
        var action = await TranslateAsync(await CatalogSeed.LiveAsync(App, CatalogSeed.Text(slug: Slug("ru-text"), price: 2)), Russian);
        var ru = await App.Control.CreateBuyerAsync(botId, "Оля", "olya_ru", "ru-RU", 10);
        var en = await App.Control.CreateBuyerAsync(botId, "Tom", "tom_en", "en", 10);

        async Task<PracticeChatMessage> BuyAsync(long userId)
        {
            // The deep link opens the invoice itself (one message): its title is the card.
            var start = await App.Control.SendTextAsync(botId, userId, $"/start {action.Slug}");
            var invoice = (await BotSaysAsync(botId, userId, start, m => m.Invoice is not null))!;
            Assert.Equal(PaymentStatus.Paid, (await App.Control.PayAsync(botId, userId, invoice.MessageId)).Status);
            var delivered = (await BotSaysAsync(botId, userId, invoice.MessageId, m => m.Text?.Contains("🧾") == true))!;
            return invoice with { Text = delivered.Text };
        }

        var russian = await BuyAsync(ru.UserId);
        Assert.Equal("Чек-лист запуска", russian.Invoice!.Title);
        Assert.StartsWith("Чек-лист запуска\n1. Выберите дату", russian.Text);

        var english = await BuyAsync(en.UserId);
        Assert.Equal("Launch checklist", english.Invoice!.Title);
        Assert.StartsWith("Launch checklist\n1. Pick a date", english.Text);
        Assert.Contains("🧾 Receipt · order SS-", english.Text);
    }

    [Fact]
    public async Task RussianBuyer_PaySupportAndAnUnknownCode_AnsweredInRussian()
    {
        var botId = await BotIdAsync();
        var action = await CatalogSeed.LiveAsync(App, CatalogSeed.Credits(slug: Slug("ru-code"), price: 5), f => f.DeepLinkOpensInvoice = false);
        var buyer = await App.Control.CreateBuyerAsync(botId, "Иван", "ivan_ru", "ru", 5);

        var help = await App.Control.SendTextAsync(botId, buyer.UserId, "/paysupport");
        Assert.StartsWith("Нужна помощь с оплатой? 🙋", (await BotSaysAsync(botId, buyer.UserId, help, _ => true))!.Text);
        Assert.NotNull(await BotSaysAsync(botId, buyer.UserId, help, m => m.Text?.StartsWith("Опишите проблему одним сообщением") == true));
        var request = await App.Control.SendTextAsync(botId, buyer.UserId, "Не пришли кредиты");
        Assert.StartsWith("Спасибо. Мы получили ваш запрос #", (await BotSaysAsync(botId, buyer.UserId, request, _ => true))!.Text);

        var coded = await App.Control.SendTextAsync(botId, buyer.UserId, $"/start {action.Slug} NOSUCHCODE");
        Assert.Equal("Мы не знаем код NOSUCHCODE. Вот товар по обычной цене.", (await BotSaysAsync(botId, buyer.UserId, coded, _ => true))!.Text);
        var card = (await BotSaysAsync(botId, buyer.UserId, coded, m => m.Buttons.Count > 0))!;
        Assert.Contains("После оплаты вы получите 50 image credits.", card.Text);   // no Russian translation: the creator's default text
        Assert.Equal("Купить за ⭐ 5", card.Buttons[0][0].Text);
    }
}
