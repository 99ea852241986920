using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Delivery;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<DeliveryJob> DeliveryJobs => Set<DeliveryJob>();
    public DbSet<CreditGrant> CreditGrants => Set<CreditGrant>();
    public DbSet<CommandEntitlement> CommandEntitlements => Set<CommandEntitlement>();
}
