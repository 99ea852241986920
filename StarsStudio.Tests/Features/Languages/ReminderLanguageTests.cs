using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Reminders;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Languages;

/// <summary>A reminder with translations to a mixed audience: each recipient gets their language's version, placeholders filled.</summary>
public sealed class ReminderLanguageTests : IAsyncLifetime
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
    public async Task Send_TwoLanguagesToAMixedAudience_EachRecipientGetsTheirVersion()
    {
        await using var shop = await LocalShop.StartAsync(api, dataDirectory);
        var action = await CatalogSeed.LiveAsync(shop.App, CatalogSeed.Text("mix-launch", price: 7));
        await using (var db = await shop.App.DbAsync())
        {
            var row = await db.PaidActions.FirstAsync(a => a.Id == action.Id);
            row.Terms = row.Terms with { Translations = [new() { Language = "ru", Title = "Чек-лист запуска" }] };
            await db.SaveChangesAsync();
        }
        await ReminderSeed.BuyersAsync(shop.App, [201, 202], "en");
        await ReminderSeed.BuyersAsync(shop.App, [203], "ru");
        await ReminderSeed.BuyersAsync(shop.App, [204], "ru-UA");   // region → Russian
        await ReminderSeed.BuyersAsync(shop.App, [205], "ja");      // no Japanese version → the default text
        await ReminderSeed.BuyersAsync(shop.App, [206], "de");      // a shipped language without a version → the default text, German button

        // Scheduled ahead, given its Russian version, then made due: the broadcaster reads the row as it sends.
        var id = await ReminderSeed.SendNowAsync(shop.App, "Hi {first_name}! {action_title} for {price} #mix", f =>
        {
            f.SendNow = false;
            f.SendAtLocal = DateTime.UtcNow.AddDays(1);
            f.Kind = ReminderKind.Custom;
            f.ActionId = action.Id;
            f.BuyButton = true;
        });
        await using (var db = await shop.App.DbAsync())
        {
            var reminder = await db.Reminders.FirstAsync(r => r.Id == id);
            reminder.Translations = [new ReminderTranslation { Language = "ru", Text = "Привет, {first_name}! {action_title} за {price} #mix" }];
            reminder.SendAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        }
        shop.App.Service<ReminderSignal>().Wake();
        await ReminderSeed.WaitForCompletedAsync(shop.App, id);

        string TextTo(long chat) => Assert.Single(api.CallsOf("sendMessage"), b => b["chat_id"]!.ToString() == chat.ToString() && b["text"]!.ToString().Contains("#mix"))["text"]!.ToString();
        string ButtonTo(long chat) => api.CallsOf("sendMessage").Single(b => b["chat_id"]!.ToString() == chat.ToString() && b["text"]!.ToString().Contains("#mix"))
            ["reply_markup"]!["inline_keyboard"]![0]![0]!["text"]!.ToString();

        Assert.Equal("Hi Buyer201! Launch checklist for ⭐ 7 #mix", TextTo(201));
        Assert.Equal("Hi Buyer202! Launch checklist for ⭐ 7 #mix", TextTo(202));
        Assert.Equal("Привет, Buyer203! Чек-лист запуска за ⭐ 7 #mix", TextTo(203));
        Assert.Equal("Привет, Buyer204! Чек-лист запуска за ⭐ 7 #mix", TextTo(204));
        Assert.Equal("Hi Buyer205! Launch checklist for ⭐ 7 #mix", TextTo(205));
        Assert.Equal("Hi Buyer206! Launch checklist for ⭐ 7 #mix", TextTo(206));
        Assert.Equal("Buy for ⭐ 7", ButtonTo(201));
        Assert.Equal("Купить за ⭐ 7", ButtonTo(203));
        Assert.Equal("Kaufen für ⭐ 7", ButtonTo(206));
    }

    [Fact]
    public void TextIn_BlankTranslation_FallsBackToTheDefaultText()
    {
        var reminder = new Reminder { Name = "t", Text = "Default", Translations = [new ReminderTranslation { Language = "ru", Text = "  " }, new ReminderTranslation { Language = "es", Text = "Hola" }] };
        Assert.Equal("Default", ReminderText.TextIn(reminder, "ru"));
        Assert.Equal("Hola", ReminderText.TextIn(reminder, "es"));
        Assert.Equal("Default", ReminderText.TextIn(reminder, null));
    }
}
