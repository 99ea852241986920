using StarsStudio.Bot.Commands;
using StarsStudio.Features.Buyers;

namespace StarsStudio.Hosting;

/// <summary>The buyer list, kept current from updates; /stop and blocked/unblocked bots.</summary>
public static class BuyersExtensions
{
    public static WebApplicationBuilder AddStarsBuyers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<BuyerDirectory>();
        services.AddSingleton<ChatMemberHandler>();
        services.AddSingleton<IBotCommand, StopCommand>();
        return builder;
    }
}
