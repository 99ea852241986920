using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Settings;
using StarsStudio.Features.Team;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Offers.Bot;

namespace StarsStudio.Hosting;

/// <summary>Launch offers: early-bird prices and promo codes, on the card, at Buy and at pre-checkout.</summary>
public static class OffersExtensions
{
    public static WebApplicationBuilder AddStarsOffers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OfferPricing>();
        services.AddSingleton<OfferCards>();
        services.AddSingleton<ICardOffers>(sp => sp.GetRequiredService<OfferCards>());
        services.AddSingleton<CodeTextHandler>();
        services.AddSingleton<FreshInvoiceOffer>();
        services.AddSingleton<PromoCodeService>();
        return builder;
    }

    /// <summary>The codes CSV (typed codes, or one generated batch with ?batch=): each code with its link, rules, uses and Stars.</summary>
    public static WebApplication MapStarsOffers(this WebApplication app)
    {
        app.MapGet("/codes/export.csv", async (HttpContext http, PromoCodeService codes, SettingsService settings, BotStatus status) =>
        {
            var batch = http.Request.Query["batch"].FirstOrDefault();
            var view = BotScope.Parse(http.Request.Query["data"].FirstOrDefault());
            var zone = await settings.TimeZoneAsync(http.RequestAborted);
            http.Response.ContentType = "text/csv; charset=utf-8";
            var name = batch is null ? "promo-codes" : $"codes-{string.Concat(batch.Where(c => char.IsLetterOrDigit(c) || c == '-'))}";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
            await codes.WriteCsvAsync(writer, view, batch, status.Username, zone, http.RequestAborted);
        }).RequireAuthorization(Policies.Creators);
        return app;
    }
}
