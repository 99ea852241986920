using StarsStudio.Bot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StarsStudio.Features.Practice.Emulator;
using Telegram.Bot;

namespace StarsStudio.Tests.Infrastructure;

/// <summary>
/// The real app with service overrides (e.g. a FakeTimeProvider), plus helpers for the practice emulator:
/// isolated bot tokens and the real Telegram.Bot client pointed at /practice.
/// </summary>
public sealed class PracticeAppFactory : StarsAppFactory
{
    private readonly List<Action<IServiceCollection>> overrides = [];
    private HttpClient? http;

    /// <summary>Sets configuration, keeping the practice helpers in reach.</summary>
    public new PracticeAppFactory With(string key, string? value)
    {
        base.With(key, value);
        return this;
    }

    /// <summary>Replaces services after the app registered its own (last registration wins).</summary>
    public PracticeAppFactory WithServices(Action<IServiceCollection> configure)
    {
        overrides.Add(configure);
        return this;
    }

    /// <summary>All app time (rate limits, deadlines, long polls) comes from this clock.</summary>
    public PracticeAppFactory WithClock(FakeTimeProvider clock) => WithServices(s => s.AddSingleton<TimeProvider>(clock));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => { foreach (var configure in overrides) configure(services); });
    }

    public PracticeControl Control => Service<PracticeControl>();

    /// <summary>A fresh, well-formed token: each test gets a practice bot of its own.</summary>
    public static string NewToken() => $"{Random.Shared.NextInt64(100_000_000, 9_999_999_999)}:test_{Guid.NewGuid():N}";

    public static long BotIdOf(string token) => long.Parse(token[..token.IndexOf(':')]);

    /// <summary>The real client, with RetryCount 1 so 429s surface as exceptions.</summary>
    /// <remarks>Telegram.Bot drops the base URL's path; the app's ApiBasePathHandler puts /practice back.</remarks>
    public TelegramBotClient Client(string token) =>
        new(new TelegramBotClientOptions(token, BaseUrl + "/practice") { RetryCount = 1 }, Http);

    /// <summary>An HttpClient for the Telegram.Bot client: requests to this app get their /practice path back.</summary>
    public HttpClient Http => http ??= new HttpClient(new ApiBasePathHandler(BaseUrl + "/practice") { InnerHandler = new SocketsHttpHandler() })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A new isolated practice bot, registered with the emulator (which answers only tokens it was given), with the real client.</summary>
    public async Task<PracticeTestBot> NewBotAsync()
    {
        var token = await NewRegisteredTokenAsync();
        var client = Client(token);
        await client.GetMe();
        return new PracticeTestBot(token, BotIdOf(token), client);
    }

    /// <summary>A fresh token the emulator knows, as if BotFather had made it (the control API's POST /practice/control/bots).</summary>
    public async Task<string> NewRegisteredTokenAsync()
    {
        var token = NewToken();
        await Control.EnsureBotAsync(token);
        return token;
    }

    /// <summary>A bot with one buyer holding <paramref name="stars"/>.</summary>
    public async Task<(PracticeTestBot Bot, PracticeBuyer Buyer)> NewBotWithBuyerAsync(long stars = 0)
    {
        var bot = await NewBotAsync();
        var buyer = await Control.CreateBuyerAsync(bot.BotId, "Ann", "ann_buyer", "en", stars);
        return (bot, buyer);
    }

    public override async ValueTask DisposeAsync()
    {
        http?.Dispose();
        await base.DisposeAsync();
    }
}

public sealed record PracticeTestBot(string Token, long BotId, TelegramBotClient Client);
