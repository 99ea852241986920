using StarsStudio.Features.Audit;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Bot.Commands;
using StarsStudio.Bot.Outbound;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace StarsStudio.Hosting;

public static class BotExtensions
{
    public const string WebhookPath = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>
    /// Where the bot's requests go: the configured Telegram:ApiBaseUrl (a self-hosted Bot API behind a path, or
    /// another process's emulator), else this app's own emulator. Its path is what Telegram.Bot drops.
    /// </summary>
    private static Uri? ApiBase(IOptionsMonitor<TelegramOptions> options, BotConnectionResolver resolver)
    {
        if (Uri.TryCreate(options.CurrentValue.ApiBaseUrl?.Trim(), UriKind.Absolute, out var configured)) return configured;
        try { return new Uri(resolver.PracticeApiBaseUrl()); }
        catch (InvalidOperationException) { return null; }
    }

    public static WebApplicationBuilder AddStarsBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateOnStart();
        // Validate now as well, so a typo stops start-up with our sentence before the host logs anything.
        var configured = builder.Configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new();
        if (new TelegramOptionsValidator().Validate(null, configured) is { Failed: true } invalid)
            throw new StartupProblemException(string.Join(" ", invalid.Failures));
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The whole "telegram" client: its timeout, and the base URL's path put back (Telegram.Bot drops it), so
        // the bot reaches a self-hosted Bot API behind a path, another process's emulator, or this app's /practice.
        // No request logging on it: every Bot API URL holds the token (/bot<token>/method), and IHttpClientFactory's
        // default handlers log each URL at Information — and cost a scope and a stopwatch per call on the hot path.
        services.AddHttpClient(TelegramClientFactory.HttpClientName, (sp, c) =>
                c.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<TelegramOptions>>().Value.RequestTimeoutSeconds))
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ApiBasePathHandler(() => ApiBase(sp.GetRequiredService<IOptionsMonitor<TelegramOptions>>(), sp.GetRequiredService<BotConnectionResolver>())));
        services.AddSingleton<TelegramClientFactory>();
        services.AddSingleton<BotConnectionResolver>();
        services.AddSingleton<BotClientAccessor>();
        services.AddSingleton<BotStatus>();
        services.AddSingleton<BotScopes>();
        services.AddSingleton<UpdateDeduplicator>();
        services.AddSingleton<UpdateMarks>();
        services.AddSingleton<UpdateClaims>();
        services.AddSingleton<PreCheckoutLane>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<IUpdateRoutes, BotRoutes>();
        services.AddSingleton(sp => new SendLimiter(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<OutboundOptions>>().Value));
        services.AddHostedService(sp => sp.GetRequiredService<SendLimiter>());
        services.AddSingleton<BotSender>();
        services.AddSingleton<BotReplies>();
        services.AddSingleton<BotHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<BotHostService>());

        // The commands feature handlers plug into, and the help for everything else (see BotRoutes).
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<FallbackMessageHandler>();
        return builder;
    }

    /// <summary>The webhook endpoint (401 without Telegram's secret header) and /healthz.</summary>
    public static WebApplication MapStarsBot(this WebApplication app)
    {
        app.MapPost(WebhookPath, async (HttpContext http, BotClientAccessor accessor, UpdateRouter router, IOptionsMonitor<TelegramOptions> options, ILogger<BotHostService> logger) =>
        {
            var bot = accessor.Current;
            var secret = bot?.Connection.WebhookSecret ?? options.CurrentValue.WebhookSecret;
            if (string.IsNullOrEmpty(secret) || !SecretMatches(http.Request.Headers[SecretHeader].ToString(), secret))
                return Results.Unauthorized();
            if (bot is null || bot.Connection.Mode != BotMode.Webhook)
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
            }
            catch (JsonException e)
            {
                // Answer 200: Telegram would otherwise resend the same unreadable update forever.
                logger.LogWarning("Webhook update does not parse ({Reason}); dropped", e.Message);
                return Results.Ok();
            }
            // 500 makes Telegram deliver a payment update again when it could not be recorded.
            if (update is not null && !await router.RouteAsync(bot, update, http.RequestAborted))
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());

        app.MapGet("/healthz", async (StarsStudio.Data.StarsDbContext db, BotStatus status, StarsStudio.Data.Singletons singletons, CancellationToken ct) =>
        {
            bool dbOk;
            try { dbOk = await db.Database.CanConnectAsync(ct); } catch { dbOk = false; }
            var botOk = status.State is BotState.Live or BotState.Practice;
            var body = new
            {
                status = dbOk && botOk ? "healthy" : "unhealthy",
                database = dbOk ? "reachable" : "unreachable",
                bot = new { state = status.State.ToString(), username = status.Username, problem = status.Problem, lastUpdateAt = status.LastUpdateAt, lastContactAt = status.LastContactAt },
                // Which of the one-at-a-time jobs run here (on PostgreSQL each runs on exactly one instance).
                singletons = singletons.Held,
            };
            return Results.Json(body, statusCode: dbOk && botOk ? 200 : 503);
        }).AllowAnonymous().WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        return app;
    }

    private static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
