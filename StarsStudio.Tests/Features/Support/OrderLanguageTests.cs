using System.Net;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Languages;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Support;

/// <summary>Support sees the language the buyer saw, and the CSV export carries it.</summary>
public sealed class OrderLanguageTests : IAsyncLifetime
{
    private readonly StarsAppFactory app = new();
    private PaidAction action = null!;

    public async Task InitializeAsync()
    {
        app.Start();
        await TestUsers.SeedAllRolesAsync(app);
        action = await CatalogSeed.LiveAsync(app, CatalogSeed.Credits());
        await using var db = await app.DbAsync();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var (code, language, minutes) in new[] { ("SS-RU0001", "ru", 0), ("SS-OLD0001", (string?)null, 1), ("SS-FA0001", "fa", 2) })
            db.Orders.Add(new Order
            {
                Code = code, BotId = 1, BuyerId = 7001, ActionId = action.Id, ActionVersion = 1, Kind = ActionKind.CreditPack, Stars = 5,
                Status = OrderStatus.Delivered, CreatedAt = at.AddMinutes(minutes), ExpiresAt = at.AddDays(1), ChargeId = "tg-" + code, BuyerLanguage = language,
            });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Export_HasTheBuyerLanguageColumn()
    {
        using var client = new CookieClient(app.BaseUrl);
        await client.SignInAsync(TestUsers.Support, TestUsers.Password);

        var response = await client.GetAsync("/orders/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal("buyer_language", header[^1]);
        string LanguageOf(string code) => lines.Single(l => l.StartsWith(code + ",")).Split(',')[^1];
        Assert.Equal("ru", LanguageOf("SS-RU0001"));
        Assert.Equal("fa", LanguageOf("SS-FA0001"));
        Assert.Equal("", LanguageOf("SS-OLD0001"));
    }

    [Fact]
    public async Task Details_CarryTheLanguage_NamedForSupport()
    {
        var page = await app.Service<OrderQuery>().PageAsync(new OrderFilter(), TimeZoneInfo.Utc, 0, 10);
        Assert.Equal("ru", page.Rows.Single(r => r.Code == "SS-RU0001").BuyerLanguage);

        Assert.Equal("Russian (Русский)", LanguageNames.Describe("ru"));
        Assert.Equal("Persian (فارسی)", LanguageNames.Describe("fa"));
        Assert.Equal("English", LanguageNames.Describe("en"));
        Assert.Equal("not recorded", LanguageNames.Describe(null));
    }
}
