using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Bot;
using StarsStudio.Components.Layout;

namespace StarsStudio.Tests.Components.Layout;

public sealed class BotStatusChipTests : BunitContext, IAsyncLifetime
{
    private readonly BotStatus status = new(TimeProvider.System);

    public BotStatusChipTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Chip_FollowsTheBotStateLive()
    {
        var chip = Render<BotStatusChip>();
        Assert.Contains("Starting", chip.Find("#bot-status").TextContent);

        status.Running(practice: true, "practice_bot", BotMode.Polling);
        chip.WaitForAssertion(() => Assert.Contains("Practice", chip.Find("#bot-status").TextContent));

        status.Running(practice: false, "shop_bot", BotMode.Polling);
        chip.WaitForAssertion(() => Assert.Contains("Live as @shop_bot", chip.Find("#bot-status").TextContent));

        status.Failed("Telegram rejected the bot token.");
        chip.WaitForAssertion(() => Assert.Contains("Bot problem", chip.Find("#bot-status").TextContent));
    }
}
