using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Support;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
}
