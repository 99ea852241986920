using StarsStudio.Features.Audit;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;
using StarsStudio.Features.Support;

namespace StarsStudio.Features.Catalog;

/// <summary>Creates, edits and lists paid actions. A change of price or terms writes a new version.</summary>
public sealed class CatalogService(IDbContextFactory<StarsDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<ActionSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actions = await db.PaidActions.AsNoTracking().OrderBy(a => a.Status == ActionStatus.Archived).ThenByDescending(a => a.UpdatedAt).ToListAsync(ct);
        var stats = await db.Orders.AsNoTracking()
            .Where(o => Order.PaidStates.Contains(o.Status))
            .GroupBy(o => o.ActionId)
            .Select(g => new { ActionId = g.Key, Paid = g.Count(), Delivered = g.Count(o => o.Status == OrderStatus.Delivered), Stars = g.Sum(o => o.Stars) })
            .ToDictionaryAsync(x => x.ActionId, ct);
        return [.. actions.Select(a => stats.TryGetValue(a.Id, out var s) ? new ActionSummary(a, s.Paid, s.Delivered, s.Stars) : new ActionSummary(a, 0, 0, 0))];
    }

    public async Task<PaidAction?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    public async Task<PaidAction?> FindBySlugAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = slug.Trim().ToLowerInvariant();
        return await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == key, ct);
    }

    /// <summary>Actions on sale right now, for /start.</summary>
    public async Task<IReadOnlyList<PaidAction>> OnSaleAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var live = await db.PaidActions.AsNoTracking().Where(a => a.Status == ActionStatus.Live).OrderBy(a => a.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. live.Where(a => a.IsOnSale(now))];
    }

    public async Task<ActionTerms?> TermsOfVersionAsync(int actionId, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.PaidActionVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ActionId == actionId && v.Version == version, ct))?.Terms;
    }

    public async Task<bool> HasOrdersAsync(int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AnyAsync(o => o.ActionId == actionId, ct);
    }

    /// <summary>Invoices of this action that could still be paid (a new version will refuse them).</summary>
    public async Task<bool> HasOpenInvoicesAsync(int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Orders.AnyAsync(o => o.ActionId == actionId && (o.Status == OrderStatus.InvoiceSent || o.Status == OrderStatus.Approved) && o.ExpiresAt > now, ct);
    }

    public async Task<bool> SlugTakenAsync(string slug, int? exceptId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PaidActions.AnyAsync(a => a.Slug == slug && a.Id != exceptId, ct);
    }

    public async Task<SaveResult> SaveAsync(string actor, PaidActionForm form, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var slug = form.Slug.Trim().ToLowerInvariant();
        if (await SlugTakenAsync(slug, form.Id, ct)) return SaveResult.Fail($"Another action already uses the link name \"{slug}\".");
        // A report template that does not parse never reaches buyers (the editor shows the same message by the field).
        if (Reports.ReportFormRules.Validate(form).FirstOrDefault() is { } reportProblem) return SaveResult.Fail(reportProblem.ErrorMessage!);
        // Each language's invoice must fit Telegram's limits on its own; the editor shows these by the field.
        if (form.TranslationProblems().FirstOrDefault() is { } translationProblem) return SaveResult.Fail(translationProblem.ToString());
        if (form.Kind == ActionKind.PaidCommand && await CommandTakenAsync(form.CommandName!, form.Id, ct))
            return SaveResult.Fail($"Another action already sells /{form.CommandName}.");

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        PaidAction action;
        var terms = form.ToTerms();
        var newVersion = false;
        if (form.Id is { } id)
        {
            action = await db.PaidActions.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new InvalidOperationException("That action no longer exists.");
            if (action.Kind != form.Kind && await db.Orders.AnyAsync(o => o.ActionId == id, ct))
                return SaveResult.Fail("This action already has orders, so its kind cannot change. Create a new action instead.");
            if (action.Terms != terms)
            {
                var changes = DescribeChanges(action.Terms, terms);
                action.Version++;
                action.Terms = terms;
                db.PaidActionVersions.Add(new PaidActionVersion { ActionId = action.Id, Version = action.Version, Terms = terms, CreatedAt = now, CreatedBy = actor });
                newVersion = true;
                await audit.WriteAsync(actor, "catalog", $"{action.Name}: version {action.Version} ({changes})", ct);
            }
        }
        else
        {
            action = new PaidAction { Name = form.Name.Trim(), Slug = slug, Kind = form.Kind, Terms = terms, CreatedAt = now };
            db.PaidActions.Add(action);
        }

        action.Name = form.Name.Trim();
        action.Slug = slug;
        action.Kind = form.Kind;
        action.AvailableFrom = LocalTime.ToUtc(form.AvailableFromLocal, zone);
        action.AvailableUntil = LocalTime.ToUtc(form.AvailableUntilLocal, zone);
        action.LaunchAt = LocalTime.ToUtc(form.LaunchAtLocal, zone);
        action.StockLimit = form.StockLimit;
        action.PerBuyerLimit = form.PerBuyerLimit;
        action.InvoiceLifetimeHours = form.InvoiceLifetimeHours;
        action.DeepLinkOpensInvoice = form.DeepLinkOpensInvoice;
        action.UpdatedAt = now;
        await db.SaveChangesAsync(ct);

        if (form.Id is null)
        {
            db.PaidActionVersions.Add(new PaidActionVersion { ActionId = action.Id, Version = 1, Terms = terms, CreatedAt = now, CreatedBy = actor });
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "catalog", $"Created {action.Name} (⭐{terms.PriceStars})", ct);
        }
        return new SaveResult(true, null, action, newVersion);
    }

    public async Task SetStatusAsync(string actor, int id, ActionStatus status, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.PaidActions.FirstAsync(a => a.Id == id, ct);
        if (action.Status == status) return;
        var from = action.Status;
        action.Status = status;
        action.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "catalog", $"{action.Name}: {from} → {status}", ct);
    }

    private async Task<bool> CommandTakenAsync(string command, int? exceptId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var commands = await db.PaidActions.AsNoTracking().Where(a => a.Kind == ActionKind.PaidCommand && a.Id != exceptId && a.Status != ActionStatus.Archived)
            .Select(a => a.Terms).ToListAsync(ct);
        return commands.Any(t => t.CommandName == command);
    }

    private static string DescribeChanges(ActionTerms before, ActionTerms after)
    {
        var parts = new List<string>();
        if (before.PriceStars != after.PriceStars) parts.Add($"price ⭐{before.PriceStars} → ⭐{after.PriceStars}");
        if (before.Title != after.Title) parts.Add("title");
        if (before.Description != after.Description) parts.Add("description");
        if (before.Promise != after.Promise) parts.Add("promise");
        if (before.FileId != after.FileId) parts.Add($"file → {after.FileName}");
        if (before.CreditAmount != after.CreditAmount || before.CreditExpiryDays != after.CreditExpiryDays) parts.Add("credits");
        if (before.TextContent != after.TextContent) parts.Add("text");
        if (before.Template != after.Template || !Equals(before.Questions, after.Questions) || before.OutputPdf != after.OutputPdf || before.OutputMessage != after.OutputMessage) parts.Add("report");
        if (before.ServiceUrl != after.ServiceUrl || before.ProtectedServiceSecret != after.ProtectedServiceSecret) parts.Add("service");
        if (before.ExpectedMinutes != after.ExpectedMinutes) parts.Add("expected time");
        if (before.CommandName != after.CommandName || before.CommandUses != after.CommandUses || before.CommandReply != after.CommandReply) parts.Add("command");
        if (!Equals(before.Translations, after.Translations)) parts.Add("translations");
        return parts.Count == 0 ? "terms" : string.Join(", ", parts);
    }
}
