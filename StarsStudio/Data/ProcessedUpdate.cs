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
}
