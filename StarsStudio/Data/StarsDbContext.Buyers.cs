using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Buyers;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<Buyer> Buyers => Set<Buyer>();
}
