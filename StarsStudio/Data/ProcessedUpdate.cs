using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Data;

/// <summary>An update_id already handled for a bot. Updates are at-least-once; this makes handling at-most-once per id.</summary>
public sealed class ProcessedUpdate
{
    public long BotId { get; set; }
    public int UpdateId { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>
    /// Set while an instance is handling the update (a webhook command or button on PostgreSQL, see
    /// <see cref="StarsStudio.Bot.UpdateClaims"/>): a copy that reaches another instance meanwhile waits for the
    /// outcome, and takes the update over only once this has passed (the claimant died). Null once handled.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
