using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Tests.Features.Catalog.Copy;

public sealed class CopyCoachPanelTests : BunitContext, IAsyncLifetime
{
    public CopyCoachPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static readonly CopyInput WeakPack = new(ActionKind.CreditPack, "SKU-4411 bundle", "Pay 50 XTR for payload",
        "Premium access", 100, CreditAmount: 50, CreditExpiryDays: 30);

    [Fact]
    public void Render_NoFindings_SaysLooksClear()
    {
        var cut = Render<CopyCoachPanel>(p => p.Add(x => x.Findings, []));

        Assert.Contains("Looks clear to a buyer ✓", cut.Find("[data-testid=copy-coach]").TextContent);
        Assert.Empty(cut.FindAll(".ss-coach-finding"));
    }

    [Fact]
    public void Render_Findings_ShowsEachWhyAndSuggestionUnderItsField()
    {
        var findings = CopyCoach.Review(WeakPack);

        var cut = Render<CopyCoachPanel>(p => p.Add(x => x.Findings, findings));

        Assert.DoesNotContain("Looks clear", cut.Markup);
        foreach (var finding in findings)
        {
            var group = cut.Find($"section[data-field={finding.Field}]");
            var shown = group.QuerySelector($"[data-code={finding.Code}]");
            Assert.NotNull(shown);
            Assert.Contains(finding.Why, shown.TextContent);
            Assert.Contains(finding.Suggestion, shown.TextContent);
        }
    }

    [Fact]
    public void Render_ProblemsPresent_SaysHowManyBlockGoingLive()
    {
        var findings = CopyCoach.Review(WeakPack with { PriceStars = 0 });
        var problems = findings.Count(f => f.Severity == FindingSeverity.Problem);

        var cut = Render<CopyCoachPanel>(p => p.Add(x => x.Findings, findings));

        Assert.Contains($"{problems} things must be fixed", cut.Find("[data-testid=copy-coach-summary]").TextContent);
        Assert.Equal(problems, cut.FindAll("[data-severity=Problem]").Count(e => e.TextContent.Contains("Must fix to go live")));
    }

    [Fact]
    public void UseThis_Clicked_RaisesCallbackWithThatFinding()
    {
        var findings = CopyCoach.Review(WeakPack);
        var promiseFix = findings.Single(f => f.Field == CopyField.Promise && f.Code == CopyCodes.VaguePromise);
        Assert.True(promiseFix.IsReplacement);
        CopyFinding? used = null;

        var cut = Render<CopyCoachPanel>(p => p
            .Add(x => x.Findings, findings)
            .Add(x => x.OnUseSuggestion, (CopyFinding f) => used = f));
        cut.Find("section[data-field=Promise] [data-code=VaguePromise] button").Click();

        Assert.Equal(promiseFix, used);
    }

    [Fact]
    public void Render_AdviceOnlyFinding_OffersNoUseThisButton()
    {
        var advice = new CopyFinding(CopyField.Promise, FindingSeverity.Warning, CopyCodes.PaidMediaInstead,
            "Sounds like a photo unlock.", "Sell photos as paid media.", IsReplacement: false);

        var cut = Render<CopyCoachPanel>(p => p
            .Add(x => x.Findings, [advice])
            .Add(x => x.OnUseSuggestion, (CopyFinding _) => { }));

        Assert.Empty(cut.FindAll("button"));
        Assert.Contains("Sell photos as paid media.", cut.Find("[data-code=PaidMediaInstead]").TextContent);
    }

    [Fact]
    public void Render_NoCallbackWired_OffersNoUseThisButton()
    {
        var cut = Render<CopyCoachPanel>(p => p.Add(x => x.Findings, CopyCoach.Review(WeakPack)));

        Assert.Empty(cut.FindAll("button"));
    }
}
