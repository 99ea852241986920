using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Tests.Features.Catalog.Copy;

public sealed class ActionCardPreviewTests : BunitContext, IAsyncLifetime
{
    public ActionCardPreviewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Render_CreditPackWithExpiry_StatesExpiryAndPriceBeforeCheckout()
    {
        var cut = Render<ActionCardPreview>(p => p
            .Add(x => x.Kind, ActionKind.CreditPack)
            .Add(x => x.Title, "50 AI image credits")
            .Add(x => x.Promise, "50 AI image credits for /imagine")
            .Add(x => x.Description, "Added to your balance right after you pay.")
            .Add(x => x.PriceStars, 1500)
            .Add(x => x.CreditAmount, 50)
            .Add(x => x.CreditExpiryDays, 30));

        Assert.Equal("50 AI image credits", cut.Find("[data-testid=card-title]").TextContent);
        Assert.Contains("Credits expire 30 days after purchase.", cut.FindAll("[data-testid=card-fact]").Select(e => e.TextContent));
        Assert.Equal("⭐ 1,500", cut.Find("[data-testid=card-price]").TextContent);
        Assert.Equal("Buy for ⭐ 1,500", cut.Find("[data-testid=card-buy]").TextContent);
    }

    [Fact]
    public void Render_EarlyBirdRunning_CardAndInvoiceShowTheDiscountedPrice()
    {
        var card = Render<ActionCardPreview>(p => p
            .Add(x => x.Kind, ActionKind.CreditPack)
            .Add(x => x.Title, "50 credits")
            .Add(x => x.Promise, "50 credits")
            .Add(x => x.PriceStars, 60)
            .Add(x => x.EarlyBirdStars, 40));
        var invoice = Render<InvoicePreview>(p => p
            .Add(x => x.Title, "50 credits")
            .Add(x => x.Description, "Added right after you pay.")
            .Add(x => x.PriceStars, 60)
            .Add(x => x.EarlyBirdStars, 40));

        Assert.Equal("Early-bird price: ⭐40 instead of ⭐60", card.Find("[data-testid=card-offer]").TextContent);
        Assert.Equal("⭐ 40", card.Find("[data-testid=card-price]").TextContent);
        Assert.Equal("Buy for ⭐ 40", card.Find("[data-testid=card-buy]").TextContent);
        Assert.Equal("⭐ 40", invoice.Find("[data-testid=invoice-total]").TextContent);
    }

    [Fact]
    public void Render_NoEarlyBird_ListPriceAndNoOfferLine()
    {
        var card = Render<ActionCardPreview>(p => p.Add(x => x.Kind, ActionKind.CreditPack).Add(x => x.Title, "50 credits").Add(x => x.PriceStars, 60));
        Assert.Empty(card.FindAll("[data-testid=card-offer]"));
        Assert.Equal("⭐ 60", card.Find("[data-testid=card-price]").TextContent);
    }

    [Fact]
    public void Render_Promise_CompletesAfterPayingYouGet()
    {
        var cut = Render<ActionCardPreview>(p => p
            .Add(x => x.Kind, ActionKind.Report)
            .Add(x => x.Title, "Tarot reading")
            .Add(x => x.Promise, "Your personal tarot reading as a 3-page PDF")
            .Add(x => x.PriceStars, 250));

        Assert.Equal("After paying, you get your personal tarot reading as a 3-page PDF.",
            cut.Find("[data-testid=card-promise]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=card-fact]"));
    }

    [Fact]
    public void Render_PaidCommand_ShowsUsesOfTheCommand()
    {
        var cut = Render<ActionCardPreview>(p => p
            .Add(x => x.Kind, ActionKind.PaidCommand)
            .Add(x => x.Title, "Three translations")
            .Add(x => x.Promise, "Three /translate uses for any text")
            .Add(x => x.PriceStars, 15)
            .Add(x => x.CommandName, "/translate")
            .Add(x => x.CommandUses, 3));

        Assert.Equal("3 uses of /translate.", cut.Find("[data-testid=card-fact]").TextContent);
    }

    [Fact]
    public void Render_EmptyDraft_ShowsWhereTheTitleAndPromiseGo()
    {
        var cut = Render<ActionCardPreview>(p => p.Add(x => x.Kind, ActionKind.File).Add(x => x.PriceStars, 10));

        Assert.Equal("Title", cut.Find("[data-testid=card-title]").TextContent);
        Assert.Equal("After paying, you get …", cut.Find("[data-testid=card-promise]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=card-description]"));
    }

    [Fact]
    public void Render_ParametersChange_CardFollows()
    {
        var cut = Render<ActionCardPreview>(p => p.Add(x => x.Title, "Marathon plan").Add(x => x.PriceStars, 100));

        cut.Render(p => p.Add(x => x.Title, "Marathon plan (PDF)").Add(x => x.PriceStars, 120));

        Assert.Equal("Marathon plan (PDF)", cut.Find("[data-testid=card-title]").TextContent);
        Assert.Equal("Buy for ⭐ 120", cut.Find("[data-testid=card-buy]").TextContent);
    }
}
