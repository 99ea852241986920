using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Messages;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<OrderMessage> OrderMessages => Set<OrderMessage>();
}
