using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>One message of a support conversation: the buyer's words or a staff reply the bot sent.</summary>
public sealed class SupportMessage
{
    public long Id { get; set; }
    public long RequestId { get; set; }
    public DateTimeOffset At { get; set; }
    public bool FromStaff { get; set; }
    /// <summary>Staff email for replies; null for the buyer.</summary>
    public string? Author { get; set; }
    public required string Text { get; set; }
}
