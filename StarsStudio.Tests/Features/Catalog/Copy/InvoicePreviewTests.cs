using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Features.Catalog.Copy;

namespace StarsStudio.Tests.Features.Catalog.Copy;

public sealed class InvoicePreviewTests : BunitContext, IAsyncLifetime
{
    public InvoicePreviewTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Render_ShowsTitleDescriptionTotalAndPayButton()
    {
        var cut = Render<InvoicePreview>(p => p
            .Add(x => x.Title, "Marathon plan (PDF)")
            .Add(x => x.Description, "A 12-week plan for your first marathon, sent as a PDF right after you pay.")
            .Add(x => x.PriceStars, 2500)
            .Add(x => x.BotName, "@run_coach_bot"));

        Assert.Equal("Marathon plan (PDF)", cut.Find("[data-testid=invoice-title]").TextContent);
        Assert.Equal("A 12-week plan for your first marathon, sent as a PDF right after you pay.",
            cut.Find("[data-testid=invoice-description]").TextContent);
        Assert.Equal("⭐ 2,500", cut.Find("[data-testid=invoice-total]").TextContent);
        Assert.Equal("Pay ⭐ 2,500", cut.Find("[data-testid=invoice-pay]").TextContent);
        Assert.Equal("run_coach_bot", cut.Find("[data-testid=invoice-bot]").TextContent);
        Assert.Contains("Telegram Stars", cut.Find("[data-testid=invoice-preview]").TextContent);
    }

    [Fact]
    public void Render_NoBotName_LeavesTheSenderOut()
    {
        var cut = Render<InvoicePreview>(p => p.Add(x => x.Title, "Plan").Add(x => x.Description, "PDF").Add(x => x.PriceStars, 1));

        Assert.Empty(cut.FindAll("[data-testid=invoice-bot]"));
    }
}
