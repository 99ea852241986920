using StarsStudio.Features.Catalog;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Catalog;

/// <summary>An action's translations through the real CatalogService and SQLite: limits per language, versions, round trip.</summary>
public sealed class ActionTranslationsTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private CatalogService Catalog => app.Service<CatalogService>();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    private static PaidActionForm WithRussian(PaidActionForm form, string? title = "Чек-лист запуска", string? description = "Десять шагов, чтобы запустить продукт за неделю.",
        string? promise = "чек-лист запуска из 10 шагов", string? text = "<b>Чек-лист</b>\n1. Выберите дату")
    {
        var ru = form.TranslationFor("ru");
        ru.Title = title;
        ru.Description = description;
        ru.Promise = promise;
        ru.TextContent = text;
        return form;
    }

    [Fact]
    public async Task Save_RussianTitleOver32_RefusedNamingTheLanguageAndTheLimit()
    {
        var form = WithRussian(CatalogSeed.Text(), title: new string('я', 40));

        var result = await Catalog.SaveAsync("creator", form, TimeZoneInfo.Utc);

        Assert.False(result.Succeeded);
        Assert.Equal("Russian: Telegram allows at most 32 characters in an invoice title; this one has 40.", result.Error);
        var problem = Assert.Single(form.TranslationProblems());
        Assert.Equal(("ru", nameof(PaidActionForm.Title)), (problem.Language, problem.Field));
        Assert.Empty(await Catalog.ListAsync());
    }

    [Fact]
    public async Task Save_GermanDescriptionOver255_RefusedWhileTheDefaultTextFits()
    {
        var form = CatalogSeed.Text();
        form.TranslationFor("de").Description = new string('ä', 256);

        var result = await Catalog.SaveAsync("creator", form, TimeZoneInfo.Utc);

        Assert.False(result.Succeeded);
        Assert.Equal("German: Telegram allows at most 255 characters in an invoice description; this one has 256.", result.Error);
        // The editor's validation agrees, so the page shows the message before the service is asked.
        var validation = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(form, new(form), validation, validateAllProperties: true));
        Assert.Contains(validation, v => v.MemberNames.Contains(nameof(PaidActionForm.Translations)) && v.ErrorMessage!.StartsWith("German:"));
    }

    [Fact]
    public async Task Save_Translations_RoundTripThroughLoadWithBlanksDropped()
    {
        var form = WithRussian(CatalogSeed.Text());
        form.TranslationFor("es");                             // opened in the editor, nothing written
        form.TranslationFor("fa").Title = "  چک‌لیست راه‌اندازی  ";
        form.TranslationFor("fa").CommandReply = "not used by a private text";

        var saved = (await Catalog.SaveAsync("creator", form, TimeZoneInfo.Utc)).Action!;

        var loaded = (await Catalog.GetAsync(saved.Id))!;
        var translations = loaded.Terms.Translations!;
        Assert.Equal(["ru", "fa"], translations.Select(t => t.Language));
        var ru = translations[0];
        Assert.Equal(("Чек-лист запуска", "чек-лист запуска из 10 шагов", "<b>Чек-лист</b>\n1. Выберите дату"), (ru.Title, ru.Promise, ru.TextContent));
        var fa = translations[1];
        Assert.Equal("چک‌لیست راه‌اندازی", fa.Title);
        Assert.Null(fa.Description);
        Assert.Null(fa.CommandReply);
        // The version's snapshot carries the words, so an order sold under it keeps them.
        Assert.Equal(translations, (await Catalog.TermsOfVersionAsync(saved.Id, 1))!.Translations);

        var back = PaidActionForm.From(loaded, TimeZoneInfo.Utc);
        Assert.Equal("Чек-лист запуска", back.TranslationFor("ru").Title);
        Assert.Equal(3, back.MissingIn("fa"));                 // only the title is written: promise, description and text fall back
        Assert.Equal(4, back.MissingIn("es"));
    }

    [Fact]
    public async Task Save_UnchangedTranslations_NoNewVersion_ChangedOnes_NewVersion()
    {
        var created = (await Catalog.SaveAsync("creator", WithRussian(CatalogSeed.Text()), TimeZoneInfo.Utc)).Action!;

        var again = PaidActionForm.From((await Catalog.GetAsync(created.Id))!, TimeZoneInfo.Utc);
        again.TranslationFor("uk");                            // opening another language changes nothing
        var unchanged = await Catalog.SaveAsync("creator", again, TimeZoneInfo.Utc);
        Assert.True(unchanged.Succeeded, unchanged.Error);
        Assert.False(unchanged.NewVersion);
        Assert.Equal(1, unchanged.Action!.Version);

        again.TranslationFor("ru").Title = "Чек-лист (10 шагов)";
        var changed = await Catalog.SaveAsync("creator", again, TimeZoneInfo.Utc);
        Assert.True(changed.NewVersion);
        Assert.Equal(2, changed.Action!.Version);
        var audit = await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("catalog", null);
        Assert.Contains(audit, e => e.Detail.Contains("version 2 (translations)"));
    }

    [Fact]
    public async Task Save_NoTranslations_TermsHaveNoneSoOldActionsStayAtTheirVersion()
    {
        var created = (await Catalog.SaveAsync("creator", CatalogSeed.Credits(), TimeZoneInfo.Utc)).Action!;
        Assert.Null(created.Terms.Translations);

        var form = PaidActionForm.From(created, TimeZoneInfo.Utc);
        form.TranslationFor("ru").Title = "   ";
        var saved = await Catalog.SaveAsync("creator", form, TimeZoneInfo.Utc);
        Assert.False(saved.NewVersion);
        Assert.Null((await Catalog.GetAsync(created.Id))!.Terms.Translations);
    }

    [Fact]
    public async Task Save_TranslationIntoTheDefaultLanguage_NotKept()
    {
        // Written while English was the default; the creator now writes in Russian, so the Russian text is the fields themselves.
        var created = (await Catalog.SaveAsync("creator", WithRussian(CatalogSeed.Text()), TimeZoneInfo.Utc)).Action!;
        var form = PaidActionForm.From(created, TimeZoneInfo.Utc);
        form.DefaultLanguage = "ru";
        form.TranslationFor("en").Title = "Launch checklist (EN)";
        form.TranslationFor("ru").Title = new string('я', 40);  // hidden in the editor: neither checked nor stored

        var saved = await Catalog.SaveAsync("creator", form, TimeZoneInfo.Utc);

        Assert.True(saved.Succeeded, saved.Error);
        Assert.Equal(["en"], (await Catalog.GetAsync(created.Id))!.Terms.Translations!.Select(t => t.Language));
    }
}
