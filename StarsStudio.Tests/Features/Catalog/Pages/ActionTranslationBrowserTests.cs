using Microsoft.Playwright;
using StarsStudio.Features.Catalog;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Catalog.Pages;

/// <summary>A creator adds a Russian translation to an action in the editor, over a live circuit, and it is saved.</summary>
public sealed class ActionTranslationBrowserTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private Browser browser = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Creator_AddsARussianTranslationToAnAction_ItIsSavedAsANewVersion()
    {
        var action = (await app.Service<CatalogService>().SaveAsync("test", CatalogSeed.Text(), TimeZoneInfo.Utc)).Action!;
        var page = await browser.NewPageAsync(app.BaseUrl);
        await Browser.SignInAsync(page, TestUsers.Creator, TestUsers.Password);
        await page.GotoAsync($"/actions/{action.Id}");
        await Browser.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("#lang-en")).ToContainTextAsync("default");
        await Assertions.Expect(page.Locator("#lang-ru")).ToContainTextAsync("not translated");
        await page.ClickAsync("#lang-ru");
        // Blank fields show the English text they fall back to.
        await page.Locator("#tr-title[placeholder='Launch checklist']").WaitForAsync();

        // Too long for a Russian invoice: the message sits next to the field and the coach names the language.
        await Browser.FillUntilAsync(page, "#tr-title", "Полный чек-лист запуска продукта за неделю",
            page.Locator("[data-testid=translation-fields]", new() { HasTextString = "Telegram allows at most 32 characters in an invoice title" }));
        await page.Locator("#copy-coach", new() { HasTextString = "Russian: The title is 42 characters" }).WaitForAsync();

        await Browser.FillUntilAsync(page, "#tr-title", "Чек-лист запуска",
            page.Locator("[data-testid=invoice-title]", new() { HasTextString = "Чек-лист запуска" }));
        await Browser.FillUntilAsync(page, "#tr-promise", "чек-лист запуска из 10 шагов",
            page.Locator("#lang-ru", new() { HasTextString = "2 missing" }));
        // Description still falls back: the preview shows the English one.
        await Assertions.Expect(page.Locator("[data-testid=invoice-description]")).ToHaveTextAsync("Ten steps to launch a product in one week.");

        await page.ClickAsync("#save-action");
        await page.Locator(".mud-snackbar", new() { HasTextString = "Saved as version 2" }).WaitForAsync();

        var saved = (await app.Service<CatalogService>().GetAsync(action.Id))!;
        var ru = Assert.Single(saved.Terms.Translations!);
        Assert.Equal(("ru", "Чек-лист запуска", "чек-лист запуска из 10 шагов", null), (ru.Language, ru.Title, ru.Promise, ru.Description));
        Assert.Equal(2, saved.Version);
    }
}
