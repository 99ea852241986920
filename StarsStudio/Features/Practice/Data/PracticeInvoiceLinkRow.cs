using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

/// <summary>A link made by createInvoiceLink; buyers can pay it like an invoice message.</summary>
public sealed class PracticeInvoiceLinkRow
{
    public required string Slug { get; set; }
    public long BotId { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public required string Payload { get; set; }
    public long Amount { get; set; }
}
