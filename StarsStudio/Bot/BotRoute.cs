namespace StarsStudio.Bot;

/// <summary>
/// Where an update goes. A money route (pre-checkout, payment, refund) that fails leaves the update unconfirmed,
/// so Telegram delivers it again; any other failure is logged and the update is done.
/// </summary>
public sealed record BotRoute(IBotUpdateHandler Handler, bool IsMoney);
