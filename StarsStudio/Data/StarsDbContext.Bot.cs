using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
}
