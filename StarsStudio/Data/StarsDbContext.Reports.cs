using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Reports;

namespace StarsStudio.Data;

public partial class StarsDbContext
{
    public DbSet<OrderInput> OrderInputs => Set<OrderInput>();
    public DbSet<QuestionSession> QuestionSessions => Set<QuestionSession>();
}
