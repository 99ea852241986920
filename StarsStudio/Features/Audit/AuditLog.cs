using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StarsStudio.Data;

namespace StarsStudio.Features.Audit;

/// <summary>Appends audit entries; staff actions on money, copy, settings and the team all write here.</summary>
public sealed class AuditLog(IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock)
{
    public async Task WriteAsync(string actor, string area, string detail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, clock.GetUtcNow(), actor, area, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An audit line in the caller's unit of work, so it commits with the change it describes.</summary>
    public static void Add(StarsDbContext db, DateTimeOffset at, string actor, string area, string detail) =>
        db.AuditEntries.Add(new AuditEntry { At = at, Actor = actor, Area = area, Detail = detail });

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? area, string? search, int take = 500, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(area)) q = q.Where(e => e.Area == area);
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(e => e.Detail.Contains(search) || e.Actor.Contains(search));
        return await q.OrderByDescending(e => e.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>One page of the audit log, newest first; the text filter searches detail and actor.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> PageAsync(string? area, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(area)) q = q.Where(e => e.Area == area);
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(e => e.Detail.Contains(search) || e.Actor.Contains(search));
        var total = await q.CountAsync(ct);
        return (await q.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct), total);
    }

    public async Task<IReadOnlyList<string>> AreasAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(e => e.Area).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}
