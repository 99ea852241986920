using StarsStudio.Features.Messages;

namespace StarsStudio.Hosting;

/// <summary>The log of messages about orders, which the bot's sender reports to.</summary>
public static class MessagesExtensions
{
    public static WebApplicationBuilder AddStarsMessages(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderMessageLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderMessageLog>());
        return builder;
    }
}
