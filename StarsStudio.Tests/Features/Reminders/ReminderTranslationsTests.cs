using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Reminders;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reminders;

/// <summary>A reminder's text per language: saved and loaded through the real service, and each version coached.</summary>
public sealed class ReminderTranslationsTests : IAsyncLifetime
{
    private const string TopUpLink = "https://t.me/PremiumBot";
    private readonly StarsAppFactory app = new();
    private RemindersService Reminders => app.Service<RemindersService>();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    private static ReminderForm Draft() => new()
    {
        Name = "Top up", Text = "Hi {first_name}! Top up your Stars before Friday: {topup_link}", BuyButton = false, SendAtLocal = DateTime.UtcNow.AddDays(1),
    };

    [Fact]
    public async Task Save_Translations_StoredTrimmedInShippedOrderAndLoadedBack()
    {
        var form = Draft();
        form.TranslationFor("fa").Text = "سلام {first_name}! قبل از جمعه ستاره‌ها را شارژ کنید: {topup_link}";
        form.TranslationFor("ru").Text = "  Привет, {first_name}! Пополните звёзды до пятницы: {topup_link}  ";
        form.TranslationFor("de");                              // opened, nothing written

        var saved = await Reminders.SaveAsync("creator", form);
        Assert.True(saved.Succeeded, saved.Message);

        var loaded = (await Reminders.GetAsync(saved.Reminder!.Id))!;
        Assert.Equal(["ru", "fa"], loaded.Translations.Select(t => t.Language));
        Assert.Equal("Привет, {first_name}! Пополните звёзды до пятницы: {topup_link}", loaded.Translations[0].Text);
        var back = ReminderForm.From(loaded, TimeZoneInfo.Utc);
        Assert.Equal(0, back.MissingIn("ru"));
        Assert.Equal(1, back.MissingIn("de"));
    }

    [Fact]
    public async Task Save_TranslationIntoTheDefaultLanguage_NotKeptNorChecked()
    {
        // Written while English was the default; the creator now writes in Russian, so the Russian text is the text itself.
        var form = Draft();
        form.DefaultLanguage = "ru";
        form.TranslationFor("en").Text = "Hi {first_name}! Top up before Friday: {topup_link}";
        form.TranslationFor("ru").Text = new string('я', 4097);  // hidden in the editor: neither checked nor stored

        var saved = await Reminders.SaveAsync("creator", form);

        Assert.True(saved.Succeeded, saved.Message);
        Assert.Equal(["en"], (await Reminders.GetAsync(saved.Reminder!.Id))!.Translations.Select(t => t.Language));
    }

    [Fact]
    public async Task Save_TranslationOver4096_RefusedNamingTheLanguage()
    {
        var form = Draft();
        form.TranslationFor("uk").Text = new string('ї', 4097);

        var saved = await Reminders.SaveAsync("creator", form);

        Assert.False(saved.Succeeded);
        Assert.Equal("Ukrainian: Telegram messages are at most 4096 characters; this one has 4097.", saved.Message);
    }

    [Fact]
    public void ReviewAll_ChecksEachLanguageOnItsOwnAndNamesIt()
    {
        const string english = "Hi Alex! ⭐ The plan unlocks with Telegram Stars on Friday. Top up here: {topup_link}";
        var findings = ReminderCopyCoach.ReviewAll(ReminderKind.TopUp, english, english.Replace("{topup_link}", TopUpLink), TopUpLink, "en",
        [
            ("ru", "Привет! План откроется в пятницу за {цена}.", "Привет! План откроется в пятницу за {цена}."),
            ("es", "¡Hola! El plan se abre con estrellas de Telegram el viernes: {topup_link}", "¡Hola! El plan se abre con estrellas de Telegram el viernes: " + TopUpLink),
        ]);

        Assert.All(findings, f => Assert.Equal("ru", f.Language));
        Assert.Contains(findings, f => f.Code == CopyCodes.LeftoverPlaceholder && f.Why.StartsWith("Russian: “{цена}”") && f.Severity == FindingSeverity.Problem);
        Assert.Contains(findings, f => f.Code == ReminderCopyCoach.NoTopUpLink && f.Why.StartsWith("Russian:"));
        Assert.Contains(findings, f => f.Code == ReminderCopyCoach.NoStars);
        Assert.False(ReminderCopyCoach.CanSend(findings));
    }
}
