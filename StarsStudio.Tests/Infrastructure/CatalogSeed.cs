using StarsStudio.Features.Catalog;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>Creates paid actions through the real CatalogService, as the editor would.</summary>
public static class CatalogSeed
{
    public static PaidActionForm Credits(string slug = "credits50", int price = 5, int amount = 50, int? expiryDays = null) => new()
    {
        Name = "Credits", Slug = slug, Kind = ActionKind.CreditPack, PriceStars = price,
        Promise = $"{amount} image credits" + (expiryDays is { } d ? $", valid {d} days" : ""),
        Title = $"{amount} credits", Description = $"{amount} credits for image generation.", CreditAmount = amount, CreditExpiryDays = expiryDays,
    };

    public static PaidActionForm Text(string slug = "checklist", int price = 3) => new()
    {
        Name = "Checklist", Slug = slug, Kind = ActionKind.PrivateText, PriceStars = price,
        Promise = "a 10-step launch checklist", Title = "Launch checklist", Description = "Ten steps to launch a product in one week.",
        TextContent = "<b>Launch checklist</b>\n1. Pick a date",
    };

    public static PaidActionForm Command(string slug = "translate", int price = 2, int uses = 2) => new()
    {
        Name = "Translate", Slug = slug, Kind = ActionKind.PaidCommand, PriceStars = price,
        Promise = $"{uses} uses of /translate", Title = "Translations", Description = "Translate any text up to 2,000 characters.",
        CommandName = "translate", CommandUses = uses, CommandReply = "Send me the text to translate.",
    };

    public static async Task<PaidAction> LiveAsync(StarsAppFactory app, PaidActionForm form, Action<PaidActionForm>? tweak = null)
    {
        tweak?.Invoke(form);
        var catalog = app.Service<CatalogService>();
        var saved = await catalog.SaveAsync("test", form, TimeZoneInfo.Utc);
        if (!saved.Succeeded) throw new InvalidOperationException(saved.Error);
        await catalog.SetStatusAsync("test", saved.Action!.Id, ActionStatus.Live);
        return (await catalog.GetAsync(saved.Action.Id))!;
    }
}
