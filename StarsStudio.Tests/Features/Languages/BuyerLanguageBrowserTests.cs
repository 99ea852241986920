using Microsoft.Playwright;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Languages;

/// <summary>
/// Issue #16 end to end in a browser: a creator translates an action in the editor, and a virtual buyer whose
/// Telegram speaks that language buys it in the Practice chat and reads it in their language, bot words included.
/// </summary>
public sealed class BuyerLanguageBrowserTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        browser = await Browser.LaunchAsync();
        await Eventually.WithinAsync(() => app.Service<BotClientAccessor>().Current is not null, seconds: 30);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Creator_AddsRussianTranslation_RussianVirtualBuyerBuysItAndReadsRussianThroughout()
    {
        var action = await CatalogSeed.LiveAsync(app, CatalogSeed.Text(slug: "launch-list", price: 3), f => f.DeepLinkOpensInvoice = false);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        await page.GotoAsync($"/actions/{action.Id}");
        await Browser.WaitForCircuitAsync(page);

        await page.ClickAsync("#lang-ru");
        await page.Locator("#tr-title[placeholder='Launch checklist']").WaitForAsync();
        await Browser.FillUntilAsync(page, "#tr-title", "Чек-лист запуска",
            page.Locator("[data-testid=invoice-title]", new() { HasTextString = "Чек-лист запуска" }));
        await Browser.FillUntilAsync(page, "#tr-promise", "чек-лист запуска из 10 шагов",
            page.Locator("[data-testid=card-promise]", new() { HasTextString = "После оплаты вы получите чек-лист запуска из 10 шагов." }));
        await Browser.FillUntilAsync(page, "#tr-description", "Десять шагов, чтобы запустить продукт за неделю.",
            page.Locator("[data-testid=invoice-description]", new() { HasTextString = "Десять шагов" }));
        // The content field reports on change (blur), not per keystroke: Tab out, then the switcher counts it.
        await page.FillAsync("#tr-text-content", "<b>Чек-лист запуска</b>\n1. Выберите дату");
        await page.PressAsync("#tr-text-content", "Tab");
        await Assertions.Expect(page.Locator("#lang-ru")).ToHaveAttributeAsync("data-missing", "0");
        await page.ClickAsync("#save-action");
        await page.Locator(".mud-snackbar", new() { HasTextString = "Saved as version 2" }).WaitForAsync();
        var ru = Assert.Single((await app.Service<CatalogService>().GetAsync(action.Id))!.Terms.Translations!);
        Assert.Equal("<b>Чек-лист запуска</b>\n1. Выберите дату", ru.TextContent);

        // A virtual buyer whose Telegram is in Russian, picked from the language chips.
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#pc-new-name", "Маша");
        await page.ClickAsync("#pc-languages [data-language=ru]");
        await Assertions.Expect(page.Locator("#pc-new-language")).ToHaveValueAsync("ru");
        await page.FillAsync("#pc-new-stars", "20");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator(".pc-chat-sub", new() { HasTextString = "Telegram in ru" }).WaitForAsync();
        await page.Locator("#pc-balance", new() { HasTextString = "20" }).WaitForAsync();

        // The card in Russian: the creator's words and the bot's sentence and button around them.
        await page.FillAsync("#pc-text", "/start launch-list");
        await page.ClickAsync("#pc-send");
        var messages = page.Locator("#pc-messages");
        await messages.Locator(".pc-in .pc-text", new() { HasTextString = "После оплаты вы получите чек-лист запуска из 10 шагов." }).WaitForAsync();
        await Assertions.Expect(messages.Locator(".pc-in .pc-text").Last).ToContainTextAsync("Чек-лист запуска");
        await messages.Locator(".pc-button", new() { HasTextString = "Купить за ⭐ 3" }).ClickAsync();

        // The invoice in Russian, then the purchase and its receipt in Russian.
        await Assertions.Expect(messages.Locator(".pc-invoice-title")).ToHaveTextAsync("Чек-лист запуска");
        await Assertions.Expect(messages.Locator(".pc-invoice-desc")).ToHaveTextAsync("Десять шагов, чтобы запустить продукт за неделю.");
        await messages.Locator(".pc-pay").ClickAsync();
        var delivery = messages.Locator(".pc-in .pc-text", new() { HasTextString = "🧾 Чек · заказ SS-" });
        await Assertions.Expect(delivery).ToContainTextAsync("1. Выберите дату");
        await Assertions.Expect(delivery).ToContainTextAsync("оплачено ⭐3");
        await Assertions.Expect(delivery).ToContainTextAsync("Вопросы по покупке? Отправьте /paysupport с кодом заказа.");
        await page.Locator("#pc-balance", new() { HasTextString = "17" }).WaitForAsync();
        // Nothing the bot said to her was in English.
        var botSaid = string.Join("\n", await messages.Locator(".pc-in").AllInnerTextsAsync());
        Assert.DoesNotContain("Receipt", botSaid);
        Assert.DoesNotContain("After paying", botSaid);
        Assert.DoesNotContain("Launch checklist", botSaid);
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(360, 800)]
    public async Task PersianVirtualBuyer_BuysAnUntranslatedAction_BotWordsRightToLeftCreatorTextLeftToRight(int width, int height)
    {
        var slug = $"fa-list-{width}";
        await CatalogSeed.LiveAsync(app, CatalogSeed.Text(slug: slug, price: 3), f => f.DeepLinkOpensInvoice = false);
        var page = await browser.NewPageAsync(app.BaseUrl, width, height);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        await page.GotoAsync("/practice");
        await Browser.WaitForCircuitAsync(page);
        await page.FillAsync("#pc-new-name", "Sara");
        await page.ClickAsync("#pc-languages [data-language=fa]");
        await Assertions.Expect(page.Locator("#pc-new-language")).ToHaveValueAsync("fa");
        await page.ClickAsync("#pc-create-buyer");
        await page.Locator(".pc-chat-sub", new() { HasTextString = "Telegram in fa" }).WaitForAsync();

        await page.FillAsync("#pc-text", $"/start {slug}");
        await page.ClickAsync("#pc-send");
        var messages = page.Locator("#pc-messages");
        await messages.Locator(".pc-button", new() { HasTextString = "خرید با ⭐" }).ClickAsync();
        await messages.Locator(".pc-pay").ClickAsync();
        var receipt = messages.Locator(".pc-in .pc-text", new() { HasTextString = "🧾 رسید" });
        await receipt.WaitForAsync();
        if (Environment.GetEnvironmentVariable("STARS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"practice-fa-{width}.png"), FullPage = true });
        }

        // The creator's text has no Persian version, so these messages start in English, yet the bot's Persian lines
        // read right to left, each on its own, as in Telegram: the words that come first sit on the right.
        var card = messages.Locator(".pc-in .pc-text", new() { HasTextString = "پس از پرداخت" });
        Assert.True(await LeftOfAsync(card, "a 10-step", "پس از پرداخت"), "the card's Persian sentence should read right to left");
        Assert.True(await LeftOfAsync(receipt, "SS-", "رسید"), "the receipt's Persian line should read right to left");
        Assert.True(await LeftOfAsync(receipt, "Launch", "checklist"), "the creator's English text should still read left to right");
        Assert.True(await LeftOfAsync(receipt, "/paysupport", "paysupport"), "a /command inside Persian should keep its slash in front");
        // The amount and the code are isolated (first-strong isolates), so they keep their own order in the Persian line.
        await Assertions.Expect(receipt).ToContainTextAsync("⭐\u20683\u2069");
        await Assertions.Expect(receipt).ToContainTextAsync("سفارش \u2068SS-");

    }

    /// <summary>Whether <paramref name="left"/> is drawn left of <paramref name="right"/> in the element (both on screen).</summary>
    private static Task<bool> LeftOfAsync(ILocator element, string left, string right) =>
        element.EvaluateAsync<bool>("""
            (e, [left, right]) => {
                const x = s => {
                    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                        const at = n.data.indexOf(s);
                        if (at < 0) continue;
                        const range = document.createRange();
                        range.setStart(n, at);
                        range.setEnd(n, at + 1);
                        return range.getBoundingClientRect().left;
                    }
                    throw new Error('no text ' + s);
                };
                return x(left) < x(right);
            }
            """, new[] { left, right });
}
