using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;
using static StarsStudio.Features.Catalog.Copy.CopyCodes;
using static StarsStudio.Features.Catalog.Copy.CopyField;

namespace StarsStudio.Tests.Features.Catalog.Copy;

public sealed class CopyCoachTests
{
    private static readonly CopyInput GoodFile = new(ActionKind.File,
        Title: "Marathon plan (PDF)",
        Description: "A 12-week plan for your first marathon, sent as a PDF in this chat right after you pay.",
        Promise: "PDF: 12-week marathon training plan",
        PriceStars: 150);

    private const string FortyCharTitle = "The complete 12-week marathon plan (PDF)";

    /// <summary>Weak lines, each put into one field of otherwise good copy: field, text, the code it must raise.</summary>
    public static TheoryData<string, string, string> WeakLines => new()
    {
        { Promise, "Premium access", VaguePromise },
        { Promise, "Unlock more", VaguePromise },
        { Promise, "Support the bot", VaguePromise },
        { Promise, "Get extra content", VaguePromise },
        { Promise, "Exclusive content for my fans", VaguePromise },
        { Promise, "VIP", VaguePromise },
        { Title, "Premium", VaguePromise },
        { Promise, "A bonus just for you", VaguePromise },
        { Title, "SKU-4411 bundle", DeveloperLabel },
        { Title, "PRD_01 marathon plan", DeveloperLabel },
        { Title, "Marathon plan A1B2C3", DeveloperLabel },
        { Title, "EXECUTE_REPORT", DeveloperLabel },
        { Description, "Pay 50 XTR for payload", DeveloperLabel },
        { Description, "We send the invoice_id to our webhook, then the PDF.", DeveloperLabel },
        { Description, "The API will execute your order after validation.", DeveloperLabel },
        { Description, "Hi {first_name}, here is your 12-week plan as a PDF.", LeftoverPlaceholder },
        { Promise, "Your plan: undefined", LeftoverPlaceholder },
        { Promise, "Exclusive video unlock", PaidMediaInstead },
        { Promise, "Unlock photo set from my trip to Bali", PaidMediaInstead },
        { Promise, "See the pic I promised you all", PaidMediaInstead },
        { Promise, "Monthly VIP access", SubscriptionInstead },
        { Promise, "Monthly VIP access", VaguePromise },
        { Promise, "3 new recipes every week, renews automatically", SubscriptionInstead },
        { Description, "A subscription to my running tips, 5 Stars per month.", SubscriptionInstead },
        { Title, FortyCharTitle, TooLong },
        { Description, new string('x', 120) + " " + new string('y', 150), TooLong },
        { Title, "", Empty },
        { Description, "   ", Empty },
        { Promise, "", Empty },
        { Promise, "A PDF", PromiseTooShort },
        { Promise, "Something nice from me to you", PromiseNotConcrete },
        { Title, "MARATHON PLAN PDF", AllCapsTitle },
    };

    /// <summary>Copy a buyer understands at once; the coach must stay quiet about it.</summary>
    public static TheoryData<string> StrongExamples => new(Strong.Keys);

    private static readonly Dictionary<string, CopyInput> Strong = new()
    {
        ["credit pack with expiry"] = new(ActionKind.CreditPack, "50 AI image credits",
            "Credits for /imagine, added to your balance as soon as you pay.", "50 AI image credits (valid 30 days)", 100,
            CreditAmount: 50, CreditExpiryDays: 30),
        ["file"] = GoodFile,
        ["report"] = new(ActionKind.Report, "Tarot reading (3-page PDF)",
            "Ask your question after paying; your reading arrives here as a PDF within 10 minutes.",
            "Your personal tarot reading as a 3-page PDF", 250),
        ["paid command"] = new(ActionKind.PaidCommand, "One /translate",
            "Send /translate with your text after paying. Works in 40 languages.",
            "One /translate use: any text up to 2,000 characters", 5, CommandName: "translate", CommandUses: 1),
        ["private checklist"] = new(ActionKind.PrivateText, "Shop launch checklist",
            "The exact steps I used to open my shop, as a private checklist in this chat.",
            "A private 20-step checklist to launch your shop", 75),
        ["service"] = new(ActionKind.Service, "Portfolio voice review",
            "Send me your portfolio link after paying. I reply with a voice message within 48 hours.",
            "A 10-minute voice review of your portfolio within 48 hours", 500),
        ["bonus that says what"] = GoodFile with { Promise = "PDF plan plus a bonus chapter on hill runs" },
        ["budget price"] = GoodFile with { PriceStars = 1 },
        ["top price"] = GoodFile with { PriceStars = CopyCoach.DefaultMaxStars },
    };

    [Theory]
    [MemberData(nameof(WeakLines))]
    public void Review_WeakLine_FlaggedWithExpectedCode(string field, string text, string code)
    {
        var findings = CopyCoach.Review(With(GoodFile, field, text));

        var finding = Assert.Single(findings, f => f.Field == field && f.Code == code);
        Assert.False(string.IsNullOrWhiteSpace(finding.Why));
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Theory]
    [MemberData(nameof(StrongExamples))]
    public void Review_StrongCopy_NoFindings(string example)
    {
        var findings = CopyCoach.Review(Strong[example]);

        Assert.Empty(findings);
        Assert.True(CopyCoach.CanGoLive(findings));
    }

    [Theory]
    [MemberData(nameof(WeakLines))]
    public void Review_UseReplacementSuggestion_ClearsThatFinding(string field, string text, string code)
    {
        var finding = CopyCoach.Review(With(GoodFile, field, text)).Single(f => f.Field == field && f.Code == code);
        if (!finding.IsReplacement) return; // advice-only findings have nothing to apply

        var after = CopyCoach.Review(With(GoodFile, field, finding.Suggestion));

        Assert.DoesNotContain(after, f => f.Field == field && f.Code == code);
    }

    [Fact]
    public void Review_TitleOf40Characters_ProblemWithExactCountsAndShorterLine()
    {
        Assert.Equal(40, FortyCharTitle.Length);

        var finding = CopyCoach.Review(GoodFile with { Title = FortyCharTitle }).Single(f => f.Code == TooLong);

        Assert.Equal(FindingSeverity.Problem, finding.Severity);
        Assert.Contains("40 characters", finding.Why);
        Assert.Contains("32", finding.Why);
        Assert.True(finding.IsReplacement);
        Assert.InRange(finding.Suggestion.Length, 1, CopyCoach.MaxTitleLength);
        Assert.Equal("The complete 12-week marathon", finding.Suggestion);
    }

    [Fact]
    public void Review_DescriptionOver255_ProblemWithCountsAndCutAtSentenceEnd()
    {
        var description = "Your 12-week marathon plan as a PDF. " + string.Concat(Enumerable.Repeat("Every run is explained step by step. ", 7));

        var finding = CopyCoach.Review(GoodFile with { Description = description }).Single(f => f.Code == TooLong);

        Assert.Equal(Description, finding.Field);
        Assert.Contains($"{description.Trim().Length} characters", finding.Why);
        Assert.Contains("255", finding.Why);
        Assert.True(finding.Suggestion.Length <= CopyCoach.MaxDescriptionLength);
        Assert.EndsWith("step by step.", finding.Suggestion);
    }

    [Fact]
    public void Review_TitleWithEmojiAt32Characters_NotTooLong()
    {
        var title = new string('a', 31) + "🏃"; // 33 UTF-16 units, but 32 characters for Telegram

        Assert.DoesNotContain(CopyCoach.Review(GoodFile with { Title = title }), f => f.Code == TooLong);
    }

    [Fact]
    public void Review_EmptyRequiredFields_ProblemsThatBlockGoingLive()
    {
        var findings = CopyCoach.Review(GoodFile with { Title = "", Description = "", Promise = " " });

        Assert.Equal([Title, Description, Promise], findings.Where(f => f.Code == Empty).Select(f => f.Field));
        Assert.All(findings.Where(f => f.Code == Empty), f => Assert.Equal(FindingSeverity.Problem, f.Severity));
        Assert.False(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void Review_CreditExpiryNotMentioned_ProblemSuggestingThePromiseWithExpiry()
    {
        var pack = new CopyInput(ActionKind.CreditPack, "50 AI image credits", "Added to your balance right after you pay.",
            "50 AI image credits for /imagine", 100, CreditAmount: 50, CreditExpiryDays: 30);

        var findings = CopyCoach.Review(pack);

        var finding = Assert.Single(findings);
        Assert.Equal((Promise, ExpiryNotStated, FindingSeverity.Problem), (finding.Field, finding.Code, finding.Severity));
        Assert.Contains("30 days", finding.Why);
        Assert.True(finding.IsReplacement);
        Assert.Equal("50 AI image credits for /imagine (valid 30 days after purchase)", finding.Suggestion);
        Assert.False(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void Review_CreditExpiryNotMentionedAndPromiseVague_SuggestsFactLineWithExpiry()
    {
        var pack = new CopyInput(ActionKind.CreditPack, "50 AI image credits", "Added to your balance right after you pay.",
            "Premium access", 100, CreditAmount: 50, CreditExpiryDays: 30);

        var finding = CopyCoach.Review(pack).Single(f => f.Code == ExpiryNotStated);

        Assert.True(finding.IsReplacement);
        Assert.Equal("50 credits added to your balance right after payment (valid 30 days after purchase)", finding.Suggestion);
        Assert.Empty(CopyCoach.Review(pack with { Promise = finding.Suggestion }));
    }

    [Fact]
    public void Review_CreditExpiryNotMentionedAndNoAmount_AdvisesWithTheRealNumberOfDays()
    {
        var pack = new CopyInput(ActionKind.CreditPack, "AI image credits", "Added to your balance right after you pay.",
            "", 100, CreditExpiryDays: 14);

        var finding = CopyCoach.Review(pack).Single(f => f.Code == ExpiryNotStated);

        Assert.False(finding.IsReplacement);
        Assert.Contains("valid 14 days after purchase", finding.Suggestion);
    }

    [Theory]
    [InlineData("Credits expire 30 days after purchase.")]
    [InlineData("Valid for a month after you pay.")]
    [InlineData("Use them within 4 weeks.")]
    public void Review_CreditExpiryInDescription_NoExpiryFinding(string description)
    {
        var pack = new CopyInput(ActionKind.CreditPack, "50 AI image credits", description,
            "50 AI image credits for /imagine", 100, CreditAmount: 50, CreditExpiryDays: 30);

        Assert.DoesNotContain(CopyCoach.Review(pack), f => f.Code == ExpiryNotStated);
    }

    [Fact]
    public void Review_CreditsWithoutExpiry_NoExpiryFinding()
    {
        var pack = new CopyInput(ActionKind.CreditPack, "50 AI image credits", "Added to your balance right after you pay.",
            "50 AI image credits for /imagine", 100, CreditAmount: 50);

        Assert.Empty(CopyCoach.Review(pack));
    }

    [Fact]
    public void Review_VagueCreditPackPromise_SuggestsLineWithTheCreditAmountAndExpiry()
    {
        var pack = new CopyInput(ActionKind.CreditPack, "50 AI image credits", "Credits expire 30 days after purchase.",
            "Premium access", 100, CreditAmount: 1500, CreditExpiryDays: 30);

        var finding = CopyCoach.Review(pack).Single(f => f.Code == VaguePromise);

        Assert.True(finding.IsReplacement);
        Assert.Equal("1,500 credits added to your balance right after payment (valid 30 days after purchase)", finding.Suggestion);
    }

    [Fact]
    public void Review_VaguePaidCommandTitle_SuggestsUsesOfTheCommand()
    {
        var command = new CopyInput(ActionKind.PaidCommand, "VIP", "Send /translate with your text after paying.",
            "Three /translate uses for any text", 15, CommandName: "/translate", CommandUses: 3);

        var finding = CopyCoach.Review(command).Single(f => f.Field == Title && f.Code == VaguePromise);

        Assert.True(finding.IsReplacement);
        Assert.Equal("3 uses of /translate", finding.Suggestion);
    }

    [Fact]
    public void Review_VagueFilePromiseWithoutFacts_AdvisesWithAnExampleInsteadOfReplacing()
    {
        var finding = CopyCoach.Review(GoodFile with { Promise = "Premium access" }).Single(f => f.Code == VaguePromise);

        Assert.False(finding.IsReplacement);
        Assert.Contains("“Premium access”", finding.Why);
        Assert.Contains("PDF: 12-week marathon training plan", finding.Suggestion);
    }

    [Fact]
    public void Review_XtrOnly_ReplacementSaysStars()
    {
        var finding = CopyCoach.Review(GoodFile with { Description = "Your 12-week plan as a PDF for just 50 XTR." })
            .Single(f => f.Code == DeveloperLabel);

        Assert.True(finding.IsReplacement);
        Assert.Equal("Your 12-week plan as a PDF for just 50 Stars.", finding.Suggestion);
    }

    [Fact]
    public void Review_SeveralDeveloperLabels_OneFindingNamingThemAll()
    {
        var findings = CopyCoach.Review(GoodFile with { Description = "Pay 50 XTR for payload" });

        var finding = Assert.Single(findings, f => f.Code == DeveloperLabel);
        Assert.Contains("“XTR”", finding.Why);
        Assert.Contains("“payload”", finding.Why);
        Assert.DoesNotContain("Pay 50 Stars for payload", finding.Suggestion);
    }

    [Fact]
    public void Review_AllCapsTitle_WarningWithSentenceCaseReplacement()
    {
        var finding = CopyCoach.Review(GoodFile with { Title = "MARATHON PLAN PDF" }).Single(f => f.Code == AllCapsTitle);

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(finding.IsReplacement);
        Assert.Equal("Marathon plan PDF", finding.Suggestion);
    }

    [Fact]
    public void Review_AllCapsTitleTooLong_SentenceCaseReplacementFits()
    {
        var finding = CopyCoach.Review(GoodFile with { Title = "THE COMPLETE MARATHON PLAN FOR EVERY RUNNER" })
            .Single(f => f.Code == AllCapsTitle);

        Assert.True(finding.IsReplacement);
        Assert.Equal("The complete marathon plan", finding.Suggestion);
    }

    [Theory]
    [InlineData(0, PriceTooLow)]
    [InlineData(-5, PriceTooLow)]
    [InlineData(10_001, PriceTooHigh)]
    public void Review_PriceOutOfRange_ProblemOnPrice(int price, string code)
    {
        var findings = CopyCoach.Review(GoodFile with { PriceStars = price });

        var finding = Assert.Single(findings);
        Assert.Equal((CopyField.Price, code, FindingSeverity.Problem), (finding.Field, finding.Code, finding.Severity));
        Assert.False(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void Review_CustomStarsCap_UsesIt()
    {
        var finding = Assert.Single(CopyCoach.Review(GoodFile with { PriceStars = 2_500 }, maxStars: 2_000));

        Assert.Equal(PriceTooHigh, finding.Code);
        Assert.Contains("2,000", finding.Why);
    }

    [Theory]
    [InlineData("Supportive coaching plan as a PDF")]      // "support" inside a longer word
    [InlineData("Rapid 12-week marathon plan (PDF)")]      // "api" inside "Rapid"
    [InlineData("The VIPs' marathon guide, 40 pages")]      // not the bare word "VIP"
    [InlineData("Premium 12-week marathon plan as a PDF")] // "premium" next to a concrete thing
    public void Review_WordsInsideOtherWordsOrWithConcreteThings_NotFlagged(string promise)
    {
        Assert.Empty(CopyCoach.Review(GoodFile with { Promise = promise }));
    }

    [Fact]
    public void Review_MonthlyDescribingContent_WarnsButCanGoLive()
    {
        var findings = CopyCoach.Review(GoodFile with { Promise = "A monthly budget planner as a PDF" });

        var finding = Assert.Single(findings);
        Assert.Equal((SubscriptionInstead, FindingSeverity.Warning), (finding.Code, finding.Severity));
        Assert.True(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void Review_SubscriptionPromise_BlocksGoingLive()
    {
        var findings = CopyCoach.Review(GoodFile with { Promise = "A new plan PDF every month" });

        Assert.Equal(FindingSeverity.Problem, Assert.Single(findings).Severity);
        Assert.False(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void Review_ManyFindings_OrderedByFieldWithProblemsFirst()
    {
        var findings = CopyCoach.Review(new CopyInput(ActionKind.File, "MARATHON PLAN FOR EVERY RUNNER IN TOWN", "Pay 50 XTR",
            "Premium", 0));

        Assert.Equal([Title, Title, Description, Promise, CopyField.Price], findings.Select(f => f.Field));
        Assert.Equal(FindingSeverity.Problem, findings[0].Severity);
    }

    [Fact]
    public void CanGoLive_OnlyWarnings_True()
    {
        var findings = CopyCoach.Review(GoodFile with { Title = "MARATHON PLAN PDF" });

        Assert.NotEmpty(findings);
        Assert.True(CopyCoach.CanGoLive(findings));
    }

    [Fact]
    public void CanGoLive_NoFindings_True() => Assert.True(CopyCoach.CanGoLive([]));

    [Theory]
    [InlineData(ActionKind.File)]
    [InlineData(ActionKind.CreditPack)]
    [InlineData(ActionKind.PrivateText)]
    [InlineData(ActionKind.PaidCommand)]
    [InlineData(ActionKind.Report)]
    [InlineData(ActionKind.Service)]
    public void Review_ExamplesOfferedAsAdvice_PassTheCoachThemselves(ActionKind kind)
    {
        var empty = CopyCoach.Review(new CopyInput(kind, "", "", "", 100));
        string Example(string field)
        {
            var advice = empty.Single(f => f.Field == field && f.Code == Empty);
            Assert.False(advice.IsReplacement);
            var start = advice.Suggestion.IndexOf('“') + 1;
            return advice.Suggestion[start..advice.Suggestion.LastIndexOf('”')];
        }

        var fromExamples = new CopyInput(kind, Example(Title), Example(Description), Example(Promise), 100);

        Assert.Empty(CopyCoach.Review(fromExamples));
    }

    private static CopyInput With(CopyInput input, string field, string text) => field switch
    {
        Title => input with { Title = text },
        Description => input with { Description = text },
        _ => input with { Promise = text },
    };

    [Fact]
    public void Review_LinkOpensWithInvoiceAndDescriptionSaysNotWhen_WarnsOnTheDescription()
    {
        var findings = CopyCoach.Review(GoodFile with { Description = "A 12-week plan for your first marathon.", OpensWithInvoice = true });

        var finding = Assert.Single(findings, f => f.Code == InvoiceLacksWhen);
        Assert.Equal(Description, finding.Field);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(CopyCoach.CanGoLive(findings)); // advice: the creator may overrule it
    }

    [Fact]
    public void Review_LinkOpensWithInvoiceAndDescriptionSaysWhen_NoFinding()
    {
        Assert.DoesNotContain(CopyCoach.Review(GoodFile with { OpensWithInvoice = true }), f => f.Code == InvoiceLacksWhen);
    }

    [Fact]
    public void Review_CardFirst_DescriptionNeedNotSayWhen()
    {
        // The card's promise carries it there.
        Assert.DoesNotContain(CopyCoach.Review(GoodFile with { Description = "A 12-week plan for your first marathon." }), f => f.Code == InvoiceLacksWhen);
    }
}
