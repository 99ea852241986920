using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Support;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<SupportRequest> SupportRequests => Set<SupportRequest>();
    public DbSet<SupportMessage> SupportMessages => Set<SupportMessage>();
    public DbSet<SupportPrompt> SupportPrompts => Set<SupportPrompt>();
    public DbSet<ReconciliationFinding> ReconciliationFindings => Set<ReconciliationFinding>();
}
