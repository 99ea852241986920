using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Catalog.Copy;
using StarsStudio.Features.Delivery;
using StarsStudio.Features.Reminders;

namespace StarsStudio.Tests.Features.Catalog.Copy;

/// <summary>Card, invoice, receipt and reminder previews in the previewed language: the bot's words, and the direction.</summary>
public sealed class PreviewLanguageTests : BunitContext, IAsyncLifetime
{
    public PreviewLanguageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void ActionCard_Persian_RendersRightToLeftWithPersianLabels()
    {
        var cut = Render<ActionCardPreview>(p => p
            .Add(x => x.Kind, ActionKind.CreditPack)
            .Add(x => x.Title, "۵۰ اعتبار تصویر")
            .Add(x => x.Promise, "۵۰ اعتبار برای ساخت تصویر")
            .Add(x => x.PriceStars, 40)
            .Add(x => x.CreditExpiryDays, 30)
            .Add(x => x.Language, "fa"));

        var root = cut.Find("[data-testid=action-card]");
        Assert.Equal("rtl", root.GetAttribute("dir"));
        Assert.Equal("fa", root.GetAttribute("lang"));
        Assert.StartsWith("پس از پرداخت دریافت می‌کنید:", cut.Find("[data-testid=card-promise]").TextContent);
        Assert.Contains("خرید با ⭐", cut.Find("[data-testid=card-buy]").TextContent);
        Assert.Contains("40", cut.Find("[data-testid=card-buy]").TextContent);
        Assert.Contains("منقضی", cut.Find("[data-testid=card-fact]").TextContent);
    }

    [Fact]
    public void ActionCard_Russian_LeftToRightWithRussianSentence()
    {
        var cut = Render<ActionCardPreview>(p => p
            .Add(x => x.Title, "Чек-лист запуска")
            .Add(x => x.Promise, "чек-лист из 10 шагов")
            .Add(x => x.PriceStars, 3)
            .Add(x => x.Language, "ru"));

        Assert.Null(cut.Find("[data-testid=action-card]").GetAttribute("dir"));
        Assert.Equal("После оплаты вы получите чек-лист из 10 шагов.", cut.Find("[data-testid=card-promise]").TextContent);
        Assert.Equal("Купить за ⭐ 3", cut.Find("[data-testid=card-buy]").TextContent);
    }

    [Fact]
    public void ActionCard_NoLanguage_StaysEnglishAndLeftToRight()
    {
        var cut = Render<ActionCardPreview>(p => p.Add(x => x.Title, "Checklist").Add(x => x.Promise, "a checklist").Add(x => x.PriceStars, 3));

        Assert.Null(cut.Find("[data-testid=action-card]").GetAttribute("dir"));
        Assert.Equal("After paying, you get a checklist.", cut.Find("[data-testid=card-promise]").TextContent);
    }

    [Fact]
    public void Invoice_Persian_RendersRightToLeft()
    {
        var cut = Render<InvoicePreview>(p => p
            .Add(x => x.Title, "چک‌لیست")
            .Add(x => x.Description, "ده قدم برای عرضه")
            .Add(x => x.PriceStars, 5)
            .Add(x => x.Language, "fa"));

        Assert.Equal("rtl", cut.Find("[data-testid=invoice-preview]").GetAttribute("dir"));
        Assert.StartsWith("پرداخت ⭐", cut.Find("[data-testid=invoice-pay]").TextContent);
    }

    [Fact]
    public void Invoice_German_UsesGermanPayLabel()
    {
        var cut = Render<InvoicePreview>(p => p.Add(x => x.Title, "Checkliste").Add(x => x.Description, "Zehn Schritte").Add(x => x.PriceStars, 5).Add(x => x.Language, "de"));

        Assert.Null(cut.Find("[data-testid=invoice-preview]").GetAttribute("dir"));
        Assert.Equal("Bezahlen ⭐ 5", cut.Find("[data-testid=invoice-pay]").TextContent);
    }

    [Fact]
    public void Receipt_Persian_RightToLeftInThePersianWording()
    {
        var cut = Render<ReceiptPreview>(p => p.Add(x => x.PriceStars, 5).Add(x => x.Language, "fa"));

        Assert.Equal("rtl", cut.Find("[data-testid=receipt-preview]").GetAttribute("dir"));
        Assert.Contains("رسید", cut.Find("[data-testid=receipt-text]").TextContent);
        Assert.Contains("SS-7K3Q9", cut.Find("[data-testid=receipt-text]").TextContent);
    }

    [Fact]
    public void Reminder_Persian_RightToLeftWithPersianBuyButton()
    {
        var cut = Render<ReminderPreview>(p => p.Add(x => x.Text, "سلام! فردا عرضه می‌شود.").Add(x => x.BuyStars, 12).Add(x => x.Language, "fa"));

        Assert.Equal("rtl", cut.Find("[data-testid=reminder-preview]").GetAttribute("dir"));
        Assert.Contains("خرید با ⭐", cut.Find("[data-testid=reminder-buy]").TextContent);
    }

    [Fact]
    public void PersianPreviews_EnglishFallbackText_KeepsItsOwnDirectionInsideTheRightToLeftBubble()
    {
        // No Persian translation yet: the creator's English text shows, and must not read "?Checklist" right to left.
        var card = Render<ActionCardPreview>(p => p.Add(x => x.Title, "Launch checklist?").Add(x => x.Promise, "a checklist")
            .Add(x => x.Description, "Ten steps.").Add(x => x.PriceStars, 3).Add(x => x.Language, "fa"));
        var invoice = Render<InvoicePreview>(p => p.Add(x => x.Title, "Launch checklist?").Add(x => x.Description, "Ten steps.")
            .Add(x => x.PriceStars, 3).Add(x => x.Language, "fa"));

        Assert.Equal("rtl", card.Find("[data-testid=action-card]").GetAttribute("dir"));
        Assert.Equal("rtl", invoice.Find("[data-testid=invoice-preview]").GetAttribute("dir"));
        foreach (var creatorText in new[] { card.Find("[data-testid=card-title]"), card.Find("[data-testid=card-promise] strong"),
                     card.Find("[data-testid=card-description]"), invoice.Find("[data-testid=invoice-title]"), invoice.Find("[data-testid=invoice-description]") })
            Assert.Equal("auto", creatorText.GetAttribute("dir"));
        // The bot's own words around the creator's text stay in the bubble's direction.
        Assert.Null(card.Find("[data-testid=card-buy]").GetAttribute("dir"));
    }
}
