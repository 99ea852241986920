using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Offers;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<PromoCode> PromoCodes => Set<PromoCode>();
    public DbSet<EarlyBird> EarlyBirds => Set<EarlyBird>();
    public DbSet<CardSeen> CardsSeen => Set<CardSeen>();
}
