using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Features.Audit;

/// <summary>One line of the audit log: who did what, to which area, and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    /// <summary>team, settings, catalog, refund, order, support.</summary>
    public required string Area { get; set; }
    public required string Detail { get; set; }
}
