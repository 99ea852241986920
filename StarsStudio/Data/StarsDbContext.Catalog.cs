using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<PaidAction> PaidActions => Set<PaidAction>();
    public DbSet<PaidActionVersion> PaidActionVersions => Set<PaidActionVersion>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<TelegramFileId> TelegramFileIds => Set<TelegramFileId>();
}
