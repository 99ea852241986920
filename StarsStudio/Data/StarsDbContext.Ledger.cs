using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Ledger;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerCursor> LedgerCursors => Set<LedgerCursor>();
}
