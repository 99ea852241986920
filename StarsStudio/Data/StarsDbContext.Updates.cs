using Microsoft.EntityFrameworkCore;

namespace StarsStudio.Data;

/// <summary>Update ids already handled (update dedupe): infrastructure the bot loop uses, kept here so Data depends on no feature for it.</summary>
public partial class StarsDbContext
{
    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
}
