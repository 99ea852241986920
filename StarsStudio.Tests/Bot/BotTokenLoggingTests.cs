using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Bot;

/// <summary>
/// The bot token is part of every Bot API URL (/bot&lt;token&gt;/method). Whatever the operator's log levels, no
/// log line may carry it: IHttpClientFactory's default handlers log each request's URL at Information.
/// </summary>
public sealed class BotTokenLoggingTests
{
    [Fact]
    public async Task EveryLogLevelOn_BotCallsMade_NoLogLineCarriesTheToken()
    {
        await using var api = await LocalBotApi.StartAsync();
        var lines = new ConcurrentQueue<string>();
        await using var app = new LoggedApp(lines);
        app.With("Telegram:BotToken", LocalBotApi.Token)
            .With("Telegram:ApiBaseUrl", api.Url)
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:System.Net.Http.HttpClient", "Trace");
        app.Start();

        api.EnqueueText(77, "/terms");
        await api.WaitForTextAsync(77, _ => true);

        Assert.NotEmpty(lines);
        var secret = LocalBotApi.Token[(LocalBotApi.Token.IndexOf(':') + 1)..];
        var leaked = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3).ToList();
        Assert.True(leaked.Count == 0, "The token is in the log: " + string.Join(" | ", leaked));
    }

    /// <summary>The app with every log line it writes also kept in <paramref name="lines"/>.</summary>
    private sealed class LoggedApp(ConcurrentQueue<string> lines) : StarsAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(new Capture(lines)));
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue(state.ToString() ?? "");
            return null;
        }
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + " " + exception);
        public void Dispose() { }
    }
}
