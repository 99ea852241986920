using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Features.Team;

namespace StarsStudio.Features.Practice.Control;

/// <summary>
/// /practice/control: the <see cref="PracticeControl"/> service over HTTP for tests and the rehearsal benchmark.
/// Served only in practice mode (or with Practice:ControlApi=true), and only to loopback callers or a signed-in Owner.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/practice/control")
            .AllowAnonymous().DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute())
            .AddEndpointFilter(GuardAsync);

        group.MapPost("/bots", (CreateBotRequest r, PracticeControl c, CancellationToken ct) => Run(() => c.EnsureBotAsync(r.Token, ct)));
        group.MapGet("/bots/{botId:long}", (long botId, PracticeControl c, CancellationToken ct) => Run(() => c.GetBotAsync(botId, ct)));
        group.MapDelete("/bots/{botId:long}", (long botId, PracticeControl c) => Run(async () => { await c.ResetAsync(botId); return new { reset = true }; }));
        group.MapGet("/bots/{botId:long}/transactions", (long botId, PracticeControl c, CancellationToken ct) => Run(() => c.TransactionsAsync(botId, ct)));
        group.MapPost("/bots/{botId:long}/transactions", (long botId, SeedTransaction r, PracticeControl c, CancellationToken ct) => Run(() => c.AddTransactionAsync(botId, r, ct)));
        group.MapPost("/bots/{botId:long}/transactions/bulk", (long botId, int count, PracticeControl c, CancellationToken ct) =>
            Run(async () => new { added = await c.AddManyTransactionsAsync(botId, count, ct) }));
        group.MapPost("/bots/{botId:long}/updates", async (long botId, HttpRequest request, PracticeControl c, CancellationToken ct) =>
        {
            var raw = await new StreamReader(request.Body).ReadToEndAsync(ct);
            return await Run(async () => new { updateId = await c.InjectUpdateAsync(botId, raw, ct) });
        });
        group.MapPost("/bots/{botId:long}/faults", (long botId, FaultRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => { await c.InjectFaultAsync(botId, r.Method, r.Kind, r.Times, r.RetryAfterSeconds, ct); return new { armed = r.Times }; }));
        group.MapPost("/bots/{botId:long}/delivery", (long botId, DeliveryRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => { await c.SetDeliveryCopiesAsync(botId, r.Copies, ct); return new { copies = r.Copies }; }));
        group.MapPost("/bots/{botId:long}/rate-limits", (long botId, RateLimitsRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => { await c.SetRateLimitsAsync(botId, r.Enabled, ct); return await c.GetBotAsync(botId, ct); }));

        group.MapGet("/bots/{botId:long}/buyers", (long botId, PracticeControl c, CancellationToken ct) => Run(() => c.ListBuyersAsync(botId, ct)));
        group.MapPost("/bots/{botId:long}/buyers", (long botId, CreateBuyerRequest r, PracticeControl c, CancellationToken ct) =>
            Run(() => c.CreateBuyerAsync(botId, r.FirstName, r.Username, r.LanguageCode, r.Stars, ct)));
        var buyer = group.MapGroup("/bots/{botId:long}/buyers/{userId:long}");
        buyer.MapGet("", (long botId, long userId, PracticeControl c, CancellationToken ct) => Run(() => c.GetBuyerAsync(botId, userId, ct)));
        buyer.MapGet("/chat", (long botId, long userId, PracticeControl c, CancellationToken ct) => Run(() => c.ChatAsync(botId, userId, ct)));
        buyer.MapPost("/messages", (long botId, long userId, TextRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => new { messageId = await c.SendTextAsync(botId, userId, r.Text, ct) }));
        buyer.MapPost("/start", (long botId, long userId, StartRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => new { messageId = await c.StartAsync(botId, userId, r.Parameter, ct) }));
        buyer.MapPost("/tap", (long botId, long userId, TapRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => new { callbackQueryId = await c.TapButtonAsync(botId, userId, r.MessageId, r.Data, ct) }));
        buyer.MapPost("/pay", (long botId, long userId, PayRequest r, PracticeControl c, CancellationToken ct) =>
            Run(() => r switch
            {
                { InvoiceLink: { Length: > 0 } link } => c.PayInvoiceLinkAsync(botId, userId, link, ct),
                { FromChatId: { } from, MessageId: { } messageId } => c.PayForwardedAsync(botId, userId, from, messageId, ct),
                { FromChatId: not null } => throw new PracticeControlException("A forwarded invoice needs the messageId of the invoice in the other buyer's chat."),
                _ => c.PayAsync(botId, userId, r.MessageId, ct),
            }));
        buyer.MapPost("/topup", (long botId, long userId, TopUpRequest r, PracticeControl c, CancellationToken ct) => Run(() => c.TopUpAsync(botId, userId, r.Stars, ct)));
        buyer.MapPost("/block", (long botId, long userId, BlockRequest r, PracticeControl c, CancellationToken ct) =>
            Run(async () => { await c.SetBlockedAsync(botId, userId, r.Blocked, ct); return await c.GetBuyerAsync(botId, userId, ct); }));
    }

    private static async Task<IResult> Run<T>(Func<Task<T>> action)
    {
        try { return Results.Json(await action(), ControlJson.Options); }
        catch (PracticeControlException e) { return Results.Json(new { error = e.Message }, statusCode: 400); }
    }

    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (!await IsEnabledAsync(services, http.RequestAborted))
            return Results.Json(new { error = "The practice control API is off: a real bot is connected (set Practice:ControlApi=true to keep it on)." }, statusCode: 404);
        if (!BotApiEndpoints.IsLocal(http) && !http.User.IsInRole(Roles.Owner))
            return Results.Json(new { error = "The practice control API answers this machine or a signed-in Owner only." }, statusCode: 403);
        return await next(context);
    }

    /// <summary>On in practice mode: no configured token and no token saved in Settings (or the running bot is the practice one).</summary>
    private static async Task<bool> IsEnabledAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetRequiredService<IOptionsMonitor<PracticeOptions>>().CurrentValue.ControlApi) return true;
        if (!string.IsNullOrWhiteSpace(services.GetRequiredService<IOptionsMonitor<TelegramOptions>>().CurrentValue.BotToken)) return false;
        if (services.GetRequiredService<BotClientAccessor>().Current is { } running) return running.Connection.IsPractice;
        await using var db = await services.GetRequiredService<IDbContextFactory<StarsDbContext>>().CreateDbContextAsync(ct);
        return await db.BotSettings.AllAsync(s => s.ProtectedBotToken == null, ct);
    }
}
