using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace StarsStudio.Tests.Features.Practice.Emulator;

/// <summary>Webhook delivery (secret header, retries) and practice state surviving a restart.</summary>
public sealed class WebhookAndRestartTests
{
    [Fact]
    public async Task Webhook_BotAnswers500First_UpdateIsRetriedWithTheSecretHeader()
    {
        await using var app = new PracticeAppFactory();
        app.Start();
        var received = new ConcurrentQueue<(string? Secret, int UpdateId)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            var update = await JsonNode.ParseAsync(http.Request.Body);
            received.Enqueue((http.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString(), (int)update!["update_id"]!));
            return received.Count == 1 ? Results.StatusCode(500) : Results.Ok();
        });
        await receiver.StartAsync();
        var hookUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

        var (bot, buyer) = await app.NewBotWithBuyerAsync();
        await bot.Client.SetWebhook(hookUrl, secretToken: "hook-secret_1");
        await app.Control.SendTextAsync(bot.BotId, buyer.UserId, "via webhook");

        await Eventually.WithinAsync(() => received.Count >= 2, seconds: 30);
        Assert.True(received.Count >= 2, $"expected a retry, got {received.Count} deliveries");
        Assert.All(received, r => Assert.Equal("hook-secret_1", r.Secret));
        Assert.Single(received.Select(r => r.UpdateId).Distinct());
        await Eventually.WithinAsync(async () => (await bot.Client.GetWebhookInfo()).PendingUpdateCount, pending => pending == 0, seconds: 30);
        Assert.Equal(0, (await bot.Client.GetWebhookInfo()).PendingUpdateCount);
    }

    /// <summary>
    /// Telegram keeps up to max_connections webhook requests open at once, but one chat's updates go one at a time:
    /// with the first buyer's request held open, the second buyer's update still arrives, the first buyer's next
    /// one does not until the held request is answered.
    /// </summary>
    [Fact]
    public async Task Webhook_DifferentChatsAtOnce_OneChatInOrder()
    {
        await using var app = new PracticeAppFactory();
        app.Start();
        var received = new ConcurrentQueue<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            var text = (await JsonNode.ParseAsync(http.Request.Body))!["message"]!["text"]!.GetValue<string>();
            received.Enqueue(text);
            if (text == "first from A") await release.Task;
            return Results.Ok();
        });
        await receiver.StartAsync();
        var hookUrl = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        var (bot, a) = await app.NewBotWithBuyerAsync();
        var b = await app.Control.CreateBuyerAsync(bot.BotId, "Bea", null, "en", 0);
        await bot.Client.SetWebhook(hookUrl, secretToken: "hook-secret_2", maxConnections: 10);

        await app.Control.SendTextAsync(bot.BotId, a.UserId, "first from A");
        await Eventually.WithinAsync(() => received.Contains("first from A"));
        await app.Control.SendTextAsync(bot.BotId, a.UserId, "second from A");
        await app.Control.SendTextAsync(bot.BotId, b.UserId, "from B");

        // B's update gets through while A's first is still open; A's second waits behind it.
        Assert.True(await Eventually.WithinAsync(() => received.Contains("from B")), string.Join(", ", received));
        Assert.DoesNotContain("second from A", received);
        Assert.Equal(2, (await bot.Client.GetWebhookInfo()).PendingUpdateCount);
        release.SetResult();
        await Eventually.WithinAsync(() => received.Contains("second from A"));
        Assert.Equal(["first from A", "from B", "second from A"], received.ToArray());
        Assert.Equal(10, (await bot.Client.GetWebhookInfo()).MaxConnections);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsChatsBalancesAndPendingUpdates()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        var token = PracticeAppFactory.NewToken();
        long botId = PracticeAppFactory.BotIdOf(token), userId;
        string chargeId;
        await using (var first = new PracticeAppFactory().With("StarsStudio:DataDirectory", dir))
        {
            first.Start();
            // The emulator answers only registered tokens; the second app finds this one in practice.db.
            await first.Control.EnsureBotAsync(token);
            var client = first.Client(token);
            await client.GetMe();
            userId = (await first.Control.CreateBuyerAsync(botId, "Kim", "kim_keeps", "ko", 10)).UserId;
            await client.SendInvoice(userId, "Pack", "Ten credits", "pack-1", "XTR", [new LabeledPrice("Pack", 4)]);
            var paying = first.Control.PayAsync(botId, userId);
            var query = (await client.GetUpdates(timeout: 20)).Single();
            await client.AnswerPreCheckoutQuery(query.PreCheckoutQuery!.Id);
            chargeId = (await paying).ChargeId!;
            await client.GetUpdates(offset: query.Id + 1);
            await first.Control.SendTextAsync(botId, userId, "still there after a restart?");
        }
        await using var second = new PracticeAppFactory().With("StarsStudio:DataDirectory", dir);
        second.Start();
        var again = second.Client(token);
        Assert.Equal(6, (await second.Control.GetBuyerAsync(botId, userId)).Stars);
        Assert.Equal(4, (await again.GetMyStarBalance()).Amount);
        var pending = await again.GetUpdates();
        Assert.Equal([chargeId, null], pending.Select(u => u.Message!.SuccessfulPayment?.TelegramPaymentChargeId));
        Assert.Equal("still there after a restart?", pending[^1].Message!.Text);
        var chat = await second.Control.ChatAsync(botId, userId);
        Assert.Contains(chat, m => m.Invoice?.Title == "Pack");
        Assert.Contains(chat, m => m.ServiceText == "You paid ⭐4");
        Assert.Single((await again.GetStarTransactions()).Transactions);
        await again.RefundStarPayment(userId, chargeId);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task Restart_After25Hours_PendingUpdatesHaveExpired()
    {
        var dir = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
        var token = PracticeAppFactory.NewToken();
        var botId = PracticeAppFactory.BotIdOf(token);
        long userId;
        await using (var first = new PracticeAppFactory().With("StarsStudio:DataDirectory", dir))
        {
            first.Start();
            // The emulator answers only registered tokens; the second app finds this one in practice.db.
            await first.Control.EnsureBotAsync(token);
            await first.Client(token).GetMe();
            userId = (await first.Control.CreateBuyerAsync(botId, "Lee")).UserId;
            await first.Control.SendTextAsync(botId, userId, "old news");
        }
        await using var later = new PracticeAppFactory().With("StarsStudio:DataDirectory", dir)
            .WithClock(new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(25)));
        later.Start();
        Assert.Empty(await later.Client(token).GetUpdates());
        Assert.Equal("old news", (await later.Control.ChatAsync(botId, userId)).Single().Text);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
