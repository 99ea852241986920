using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Settings;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Settings;

public sealed class SettingsServiceTests : IAsyncLifetime
{
    private LocalBotApi api = null!;
    private StarsAppFactory app = null!;

    public async Task InitializeAsync()
    {
        api = await LocalBotApi.StartAsync();
        // No token configured: practice mode until the owner connects one. ApiBaseUrl points getMe at the local API.
        app = new StarsAppFactory().With("Telegram:ApiBaseUrl", api.Url);
        app.Start();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await api.DisposeAsync();
    }

    [Theory]
    [InlineData("", "Paste the token")]
    [InlineData("hello world", "does not look like a BotFather token")]
    [InlineData("999:wrong-token", "Telegram does not accept this token")]
    public async Task Connect_BadToken_ExplainsAndStoresNothing(string token, string expected)
    {
        var result = await app.Service<SettingsService>().ConnectAsync("owner", token);
        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Message);
        Assert.Equal("practice", await app.Service<SettingsService>().TokenSourceAsync());
    }

    [Fact]
    public async Task Connect_GoodToken_StoresItEncryptedAndRestartsTheBotLive()
    {
        var result = await app.Service<SettingsService>().ConnectAsync("owner", LocalBotApi.Token);
        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("@local_test_bot", result.Message);

        await using var db = await app.DbAsync();
        var stored = await db.BotSettings.AsNoTracking().SingleAsync();
        Assert.NotNull(stored.ProtectedBotToken);
        Assert.DoesNotContain(LocalBotApi.Token, stored.ProtectedBotToken);
        Assert.DoesNotContain("test-token", stored.ProtectedBotToken);

        var status = app.Service<BotStatus>();
        await Eventually.WithinAsync(() => status.State == BotState.Live, seconds: 10);
        Assert.Equal(BotState.Live, status.State);
        Assert.Equal("local_test_bot", status.Username);

        // The bot loop now polls the real bot: a command sent to it gets answered.
        api.EnqueueText(31, "/privacy");
        await api.WaitForTextAsync(31, t => t.StartsWith("Privacy"));
    }
}
