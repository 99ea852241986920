using StarsStudio.Tests.Infrastructure;
using Telegram.Bot;

namespace StarsStudio.Tests.Features.Practice.Emulator;

public sealed class BotApiBasicsTests : IAsyncLifetime
{
    private readonly PracticeAppFactory app = new();

    public Task InitializeAsync() { app.Start(); return Task.CompletedTask; }
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task GetMe_AnyWellFormedToken_CreatesItsOwnBot()
    {
        var token = PracticeAppFactory.NewToken();
        var me = await app.Client(token).GetMe();
        Assert.Equal(PracticeAppFactory.BotIdOf(token), me.Id);
        Assert.True(me.IsBot);
        Assert.EndsWith("_bot", me.Username);
    }
}
