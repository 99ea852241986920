using System.ComponentModel.DataAnnotations;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Reminders;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Reminders;

/// <summary>A reminder's {code} and {code_link}: filled from the promo code it names, refused without one.</summary>
public sealed class ReminderPromoCodeTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => api = await LocalBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        try { Directory.Delete(dataDirectory, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Send_CodeAndCodeLink_EachRecipientGetsTheCodeAndTheLinkThatAppliesIt()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text("code-launch", price: 10));
        var made = await shop.App.Service<PromoCodeService>().SaveAsync(new PromoCodeForm { Code = "launch20", ActionId = action.Id, Kind = DiscountKind.Percent, Amount = 20 }, TimeZoneInfo.Utc, "test");
        Assert.True(made.Succeeded, made.Error);
        await ReminderSeed.BuyersAsync(shop.App, [301, 302], "en");

        var id = await ReminderSeed.SendNowAsync(shop.App, "Use {code} for 20 % off: {code_link} #code", f => { f.ActionId = action.Id; f.PromoCode = "Launch20"; });
        await ReminderSeed.WaitForCompletedAsync(shop.App, id);

        foreach (var chat in new[] { 301, 302 })
        {
            var text = Assert.Single(api.CallsOf("sendMessage"), b => b["chat_id"]!.ToString() == chat.ToString() && b["text"]!.ToString().Contains("#code"))["text"]!.ToString();
            Assert.StartsWith("Use LAUNCH20 for 20 % off: https://t.me/", text);
            Assert.Contains("?start=code-launch--LAUNCH20 #code", text);
        }
    }

    [Fact]
    public async Task Save_CodeThatDoesNotExist_RefusedWithWhatToDo()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var result = await shop.App.Service<RemindersService>().SaveAsync("test", new ReminderForm { Name = "t", Text = "Use {code}", PromoCode = "NOPE42", SendNow = true });
        Assert.False(result.Succeeded);
        Assert.Equal("There is no promo code NOPE42. Make it under Promo codes first, or clear the field.", result.Message);
    }

    [Theory]
    [InlineData("Use {code} today", null, 1, "choose the promo code")]
    [InlineData("Open {code_link}", "LAUNCH", null, "choose the action above")]
    public void Validate_PlaceholderWithoutWhatItNeeds_SaysSoAtTheCodeField(string text, string? code, int? actionId, string expected)
    {
        var form = new ReminderForm { Name = "t", Text = text, PromoCode = code, ActionId = actionId, BuyButton = false, SendNow = true };
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), errors, validateAllProperties: true);
        var error = Assert.Single(errors, e => e.MemberNames.Contains(nameof(ReminderForm.PromoCode)));
        Assert.Contains(expected, error.ErrorMessage);
    }

    [Fact]
    public void Validate_TranslationUsesTheCode_NeedsItToo()
    {
        var form = new ReminderForm { Name = "t", Text = "Plain", BuyButton = false, SendNow = true, Translations = [new ReminderTranslationForm { Language = "ru", Text = "Код {code}" }] };
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), errors, validateAllProperties: true);
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(ReminderForm.PromoCode)));
    }
}
