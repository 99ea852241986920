using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Settings;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<BotSettings> BotSettings => Set<BotSettings>();
}
