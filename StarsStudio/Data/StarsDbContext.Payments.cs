using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Payments;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Payment> Payments => Set<Payment>();
}
