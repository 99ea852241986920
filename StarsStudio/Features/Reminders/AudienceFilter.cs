using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reminders;

/// <summary>Who a reminder goes to.</summary>
public enum AudienceFilter
{
    /// <summary>Everyone who started the bot and did not send /stop.</summary>
    Everyone,
    /// <summary>Opened an action's invoice (InvoiceSent/Approved/Expired/Rejected) but has no paid order of it.</summary>
    OpenedNotBought,
    /// <summary>Has a paid order (of <see cref="Reminder.FilterActionId"/> when set, else of anything).</summary>
    BoughtBefore,
}
