using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// The real app with its bot polling a <see cref="LocalBotApi"/>: tests play Telegram by injecting the updates
/// a buyer's taps would cause, and read what the bot called.
/// </summary>
public sealed class LocalShop : IAsyncDisposable
{
    public LocalBotApi Api { get; private set; } = null!;
    public StarsAppFactory App { get; private set; } = null!;
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "stars-tests", Guid.NewGuid().ToString("N"));
    private readonly bool ownsApi;

    private LocalShop(bool ownsApi) => this.ownsApi = ownsApi;

    public static async Task<LocalShop> StartAsync(LocalBotApi? api = null, string? dataDirectory = null, Action<StarsAppFactory>? configure = null)
    {
        var shop = new LocalShop(api is null) { Api = api ?? await LocalBotApi.StartAsync() };
        shop.App = NewApp(shop.Api, dataDirectory ?? shop.DataDirectory);
        configure?.Invoke(shop.App);
        shop.App.Start();
        // Ready when the bot has connected: services that act as the bot need it running. A bot that never
        // connects fails here, with its own words, instead of as a timeout in whatever the test does next.
        var status = shop.App.Service<BotStatus>();
        try
        {
            await Eventually.UntilAsync(() => status.State == BotState.Live, "the bot to connect", seconds: 30);
        }
        catch (TimeoutException)
        {
            await shop.DisposeAsync();
            throw new InvalidOperationException($"The shop's bot never connected (state {status.State}): {status.Problem ?? "no problem reported"}");
        }
        return shop;
    }

    public static StarsAppFactory NewApp(LocalBotApi api, string dataDirectory) => new StarsAppFactory()
        .With("StarsStudio:DataDirectory", dataDirectory)
        .With("Telegram:BotToken", LocalBotApi.Token)
        .With("Telegram:ApiBaseUrl", api.Url)
        .With("Telegram:RequestTimeoutSeconds", "3")
        .With("Telegram:Outbound:PerChatIntervalMilliseconds", "0");

    /// <summary>The buyer taps Buy; returns the invoice the bot sent and the order behind it.</summary>
    public async Task<(JsonObject Invoice, Order Order)> BuyAsync(long buyerId, PaidAction action)
    {
        var before = Api.CallsOf("sendInvoice").Count();
        Api.Enqueue(Updates.Callback(buyerId, $"buy:{action.Id}"));
        var invoice = await Api.WaitForCallAsync("sendInvoice", b => b["chat_id"]!.ToString() == buyerId.ToString() && Api.CallsOf("sendInvoice").Count() > before);
        invoice = Api.CallsOf("sendInvoice").Last(b => b["chat_id"]!.ToString() == buyerId.ToString());
        Assert.True(InvoicePayloadSigner.TryReadOrderId(invoice["payload"]!.GetValue<string>(), out var orderId));
        // The bot records InvoiceSent right after Telegram answered sendInvoice.
        return (invoice, await WaitForOrderAsync(orderId, o => o.Status != OrderStatus.Created));
    }

    /// <summary>Telegram asks pre-checkout; returns (ok, error_message) of the bot's answer.</summary>
    public async Task<(bool Ok, string? Error)> PreCheckoutAsync(long fromId, string payload, int amount, string currency = "XTR")
    {
        var queryId = "pcq-" + Guid.NewGuid().ToString("N");
        Api.Enqueue(Updates.PreCheckout(fromId, payload, amount, currency, queryId));
        var answer = await Api.WaitForCallAsync("answerPreCheckoutQuery", b => b["pre_checkout_query_id"]?.ToString() == queryId);
        return (answer["ok"]!.GetValue<bool>(), answer["error_message"]?.GetValue<string>());
    }

    public int Pay(long buyerId, string payload, int amount, string chargeId, int? updateId = null) =>
        Api.Enqueue(Updates.SuccessfulPayment(buyerId, payload, amount, chargeId), updateId);

    public async Task<Order> OrderAsync(long id)
    {
        await using var db = await App.DbAsync();
        return await db.Orders.AsNoTracking().Include(o => o.Events).FirstAsync(o => o.Id == id);
    }

    /// <summary>Waits (bounded) for the order to reach a state.</summary>
    public Task<Order> WaitForOrderAsync(long id, Func<Order, bool> until, int seconds = Eventually.DefaultSeconds) =>
        Eventually.GetAsync(() => OrderAsync(id), until,
            order => $"order {order.Code} stayed {order.Status}: {string.Join(" | ", order.Timeline().Select(e => e.Detail))}", seconds);

    /// <summary>
    /// Every update queued so far has been handled: the bot polled past a marker (payments and pre-checkouts are
    /// done by then) and the per-buyer queues for commands and buttons have drained. "Nothing more happened"
    /// assertions come after this.
    /// </summary>
    public async Task SettleAsync()
    {
        await Api.PolledPastMarkerAsync();
        await App.Service<UpdateRouter>().DrainAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (ownsApi) await Api.DisposeAsync();
        try { Directory.Delete(DataDirectory, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        if (TestDatabase.AppsOnPostgres) await TestDatabase.DropAsync(DataDirectory);
    }
}
