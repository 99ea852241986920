using StarsStudio.Features.Settings;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Settings;

/// <summary>The default language and the translated buyer texts through the real SettingsService and SQLite.</summary>
public sealed class SettingsTranslationsTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private SettingsService Settings => app.Service<SettingsService>();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Save_DefaultLanguageAndTranslatedTexts_StoredAndShownAgain()
    {
        var form = SettingsForm.From(await Settings.GetAsync());
        Assert.Equal("en", form.DefaultLanguage);
        form.DefaultLanguage = "ru";
        form.WelcomeText = "Привет, {first_name}! Вот что можно купить.";
        var en = form.TranslationFor("en");
        en.Welcome = " Hi {first_name}! Here is what you can buy. ";
        en.Privacy = "We keep your Telegram id and orders only.";
        form.TranslationFor("es");                              // opened, nothing written: not stored

        await Settings.SaveGeneralAsync("owner", form);

        var saved = await Settings.GetAsync();
        Assert.Equal("ru", saved.DefaultLanguage);
        var stored = Assert.Single(saved.TextTranslations);
        Assert.Equal(("en", "Hi {first_name}! Here is what you can buy.", null, null, "We keep your Telegram id and orders only."),
            (stored.Language, stored.Welcome, stored.Support, stored.Terms, stored.Privacy));
        var back = SettingsForm.From(saved);
        Assert.Equal(2, back.MissingIn("en"));
        Assert.Equal(4, back.MissingIn("de"));
        var audit = await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("settings", null);
        Assert.Contains(audit, e => e.Detail.Contains("default language") && e.Detail.Contains("translated texts (en)"));
    }

    [Fact]
    public async Task Save_Unchanged_WritesNoAuditLine()
    {
        var form = SettingsForm.From(await Settings.GetAsync());
        form.TranslationFor("uk").Support = "Напишіть /paysupport, і ми відповімо протягом доби.";
        await Settings.SaveGeneralAsync("owner", form);
        var before = (await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("settings", null)).Count;

        await Settings.SaveGeneralAsync("owner", SettingsForm.From(await Settings.GetAsync()));

        Assert.Equal(before, (await app.Service<StarsStudio.Features.Audit.AuditLog>().ListAsync("settings", null)).Count);
    }

    [Fact]
    public void Validate_TranslatedTextOver4096OrUnknownDefault_InvalidNamingTheLanguage()
    {
        var form = new SettingsForm { WelcomeText = "Hi", SupportText = "s", TermsText = "t", PrivacyText = "p", TopUpLink = "https://t.me/PremiumBot", DefaultLanguage = "xx" };
        form.TranslationFor("fa").Terms = new string('ش', 4097);

        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(form, new(form), results, validateAllProperties: true));

        Assert.Contains(results, r => r.MemberNames.Contains(nameof(SettingsForm.DefaultLanguage)));
        Assert.Contains(results, r => r.ErrorMessage == "Persian: Telegram messages are at most 4096 characters; this one has 4097.");
    }
}
