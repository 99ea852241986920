using StarsStudio.Features.Catalog;
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
}
