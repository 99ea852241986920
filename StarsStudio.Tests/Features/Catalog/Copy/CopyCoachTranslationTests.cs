using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;
using static StarsStudio.Features.Catalog.Copy.CopyCodes;

namespace StarsStudio.Tests.Features.Catalog.Copy;

/// <summary>The coach reads every translation: limits, labels and blanks in all languages, word lists in English and Russian.</summary>
public sealed class CopyCoachTranslationTests
{
    private static readonly CopyInput GoodFile = new(ActionKind.File, "Marathon plan (PDF)",
        "A 12-week plan for your first marathon, sent as a PDF in this chat right after you pay.", "a 12-week marathon training plan as a PDF", 50);

    private static IReadOnlyList<CopyFinding> Review(params CopyTranslation[] translations) =>
        CopyCoach.Review(GoodFile with { Translations = translations });

    [Fact]
    public void Review_GoodRussianTranslation_FindsNothing()
    {
        Assert.Empty(Review(new CopyTranslation("ru", "План марафона (PDF)",
            "12-недельный план к первому марафону, PDF придёт в этот чат сразу после оплаты.", "12-недельный план подготовки к марафону в PDF")));
    }

    [Fact]
    public void Review_RussianVaguePromise_WarnsNamingRussianUnderItsLanguage()
    {
        var finding = Assert.Single(Review(new CopyTranslation("ru", null, null, "премиум-доступ к эксклюзивному контенту")));

        Assert.Equal((CopyField.Promise, VaguePromise, "ru"), (finding.Field, finding.Code, finding.Language));
        Assert.StartsWith("Russian: “премиум-доступ", finding.Why);
        Assert.False(finding.IsReplacement);                   // no English line is offered for a Russian field
    }

    [Fact]
    public void Review_RussianTitleOver32_ProblemThatBlocksLaunch()
    {
        var findings = Review(new CopyTranslation("ru", "Полный план подготовки к марафону", null, null));

        var tooLong = Assert.Single(findings, f => f.Code == TooLong);
        Assert.Equal((CopyField.Title, FindingSeverity.Problem, "ru"), (tooLong.Field, tooLong.Severity, tooLong.Language));
        Assert.Equal("Russian: The title is 33 characters; Telegram allows at most 32, so the invoice can't be sent.", tooLong.Why);
        Assert.False(CopyCoach.CanGoLive(findings));
    }

    [Theory]
    [InlineData("ru", "оформите подписку на мои видео", SubscriptionInstead)]
    [InlineData("ru", "открыть эксклюзивные фото", PaidMediaInstead)]
    [InlineData("ru", "бонус", VaguePromise)]
    [InlineData("en", "premium access", VaguePromise)]
    public void Review_WordListsInEnglishAndRussian_FlagTheTranslatedPromise(string language, string promise, string code)
    {
        // An English translation exists when the creator writes in another language.
        var input = GoodFile with { Language = language == "en" ? "ru" : "en", Translations = [new CopyTranslation(language, null, null, promise)] };
        Assert.Contains(CopyCoach.Review(input), f => f.Code == code && f.Language == language);
    }

    [Theory]
    [InlineData("es", "Plan de maratón {nombre}", LeftoverPlaceholder)]
    [InlineData("fa", "برنامه ماراتن SKU-4411", DeveloperLabel)]
    [InlineData("de", "Marathonplan für 50 XTR", DeveloperLabel)]
    public void Review_AnyLanguage_FlagsBlanksAndDeveloperLabels(string language, string title, string code)
    {
        var finding = Assert.Single(Review(new CopyTranslation(language, title, null, null)), f => f.Code == code);
        Assert.Equal(language, finding.Language);
    }

    [Fact]
    public void Review_BlankTranslatedFields_AreTheDefaultTextAndNotCheckedTwice()
    {
        Assert.Empty(Review(new CopyTranslation("tr", "Maraton planı (PDF)", "", null)));
    }

    [Fact]
    public void Review_RussianDefaultLanguage_RussianWordsCountAsConcrete()
    {
        var russian = new CopyInput(ActionKind.CreditPack, "50 кредитов", "50 кредитов на генерацию картинок, действуют 30 дней.",
            "50 кредитов на генерацию картинок", 10, CreditAmount: 50, CreditExpiryDays: 30) { Language = "ru" };

        Assert.Empty(CopyCoach.Review(russian));
    }
}
