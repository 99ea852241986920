using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Audit;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Offers;

/// <summary>
/// The creator's side of launch offers: codes (typed or generated in bulk), their status and earnings, the CSV,
/// and each action's early-bird price. Every change is audited.
/// </summary>
public sealed class PromoCodeService(IDbContextFactory<StarsDbContext> dbFactory, BotScopes scopes, AuditLog audit, IOptionsMonitor<PaymentsOptions> options, TimeProvider clock)
{
    public const int MaxBulk = 10_000;

    /// <summary>Typed codes one by one and each bulk batch as its own list (a batch of 10,000 is not one list).</summary>
    public async Task<IReadOnlyList<PromoCodeRow>> ListAsync(DataView view, string? batch = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var codes = await db.PromoCodes.AsNoTracking().Where(c => c.Batch == batch).OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Code).ToListAsync(ct);
        return await RowsAsync(db, view, codes, ct);
    }

    /// <summary>The bulk batches: name, codes, spent, rules of the first (all of a batch share them).</summary>
    public async Task<IReadOnlyList<(string Batch, int Codes, PromoCode Sample)>> BatchesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groups = await db.PromoCodes.AsNoTracking().Where(c => c.Batch != null).GroupBy(c => c.Batch!)
            .Select(g => new { Batch = g.Key, Count = g.Count(), First = g.Min(c => c.Id) }).ToListAsync(ct);
        var firstIds = groups.Select(g => g.First).ToList();
        var samples = await db.PromoCodes.AsNoTracking().Where(c => firstIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return [.. groups.Select(g => (g.Batch, g.Count, samples[g.First])).OrderByDescending(g => g.Item3.CreatedAt)];
    }

    public async Task<PromoCodeRow?> GetAsync(int id, DataView view, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var code = await db.PromoCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return code is null ? null : (await RowsAsync(db, view, [code], ct))[0];
    }

    public async Task<PromoCodeSave> SaveAsync(PromoCodeForm form, TimeZoneInfo zone, string actor, CancellationToken ct = default)
    {
        var code = PromoCodes.Normalize(form.Code);
        if (Validate(form, code, zone, out var startsAt, out var endsAt) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        PaidAction? action = null;
        if (form.ActionId is { } actionId && (action = await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == actionId, ct)) is null)
            return PromoCodeSave.Fail(nameof(form.ActionId), "That action no longer exists.");
        if (action is not null && !PromoCodes.LinkFits(action.Slug, code))
            return PromoCodeSave.Fail(nameof(form.Code), $"The link would be too long: Telegram allows {PromoCodes.StartParameterMax} characters after ?start=, and \"{PromoCodes.StartParameter(action.Slug, code)}\" has {PromoCodes.StartParameter(action.Slug, code).Length}. Use a shorter code or link name.");
        if (action is not null && action.Terms.PriceStars <= 1)
            return PromoCodeSave.Fail(nameof(form.Amount), "This action costs ⭐1, the lowest price there is: a code cannot lower it.");

        var row = form.Id is { } id ? await db.PromoCodes.FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        if (form.Id is not null && row is null) return PromoCodeSave.Fail(nameof(form.Code), "This code was deleted meanwhile.");
        var isNew = row is null;
        row ??= new PromoCode { Code = code, CreatedAt = clock.GetUtcNow() };
        if (!isNew && row.Code != code && await db.Orders.AnyAsync(o => o.PromoCodeId == row.Id, ct))
            return PromoCodeSave.Fail(nameof(form.Code), "Buyers have used this code, so it keeps its spelling. Withdraw it and make a new one.");
        row.Code = code;
        row.ActionId = form.ActionId;
        row.Kind = form.Kind;
        row.Amount = form.Amount;
        row.StartsAt = startsAt;
        row.EndsAt = endsAt;
        row.TotalUses = form.TotalUses;
        row.PerBuyerUses = form.PerBuyerUses;
        row.FirstPurchaseOnly = form.FirstPurchaseOnly;
        row.Note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        if (isNew) db.PromoCodes.Add(row);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return PromoCodeSave.Fail(nameof(form.Code), $"The code {code} already exists. Codes are unique, whatever their case.");
        }
        await audit.WriteAsync(actor, "offers", $"{(isNew ? "Created" : "Changed")} code {code}: {Summary(row, action)}", ct);
        return new PromoCodeSave(true, null, null, row);
    }

    /// <summary>
    /// Makes <paramref name="count"/> single-use codes (one use in total, one per buyer) with the form's other rules,
    /// under one batch name, in chunks; a chunk that collides with an existing code is made again with new codes.
    /// </summary>
    public async Task<PromoCodeSave> GenerateAsync(PromoCodeForm template, int count, string? prefix, TimeZoneInfo zone, string actor, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxBulk) return PromoCodeSave.Fail("Count", $"Generate 1 to {MaxBulk:N0} codes at once.");
        prefix = PromoCodes.Normalize(prefix);
        if (prefix.Length > 0 && (prefix.Length > 12 || PromoCodes.Problem(prefix + "-XXXXXXXX") is not null))
            return PromoCodeSave.Fail("Prefix", "A prefix has up to 12 letters, digits or _ (no - at its ends).");
        var sampleCode = PromoCodes.Generate(prefix);
        template.TotalUses = 1;
        template.PerBuyerUses = 1;
        if (Validate(template, sampleCode, zone, out var startsAt, out var endsAt) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (template.ActionId is { } actionId && await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == actionId, ct) is { } action
            && !PromoCodes.LinkFits(action.Slug, sampleCode))
            return PromoCodeSave.Fail("Prefix", $"The links would be too long for Telegram ({PromoCodes.StartParameterMax} characters after ?start=). Use a shorter prefix.");
        var now = clock.GetUtcNow();
        var batch = $"{(prefix.Length > 0 ? prefix : "BULK")}-{TimeZoneInfo.ConvertTime(now, zone):yyyyMMdd-HHmmss}";
        var made = 0;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        while (made < count)
        {
            var chunk = Math.Min(1000, count - made);
            var rows = Enumerable.Range(0, chunk).Select(_ => new PromoCode
            {
                Code = PromoCodes.Generate(prefix), ActionId = template.ActionId, Kind = template.Kind, Amount = template.Amount,
                StartsAt = startsAt, EndsAt = endsAt, TotalUses = 1, PerBuyerUses = 1, FirstPurchaseOnly = template.FirstPurchaseOnly,
                Batch = batch, Note = template.Note, CreatedAt = now,
            }).DistinctBy(c => c.Code).ToList();
            db.PromoCodes.AddRange(rows);
            try
            {
                await db.SaveChangesAsync(ct);
                made += rows.Count;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // One of 31^8 collided with an existing code: nothing of this chunk was saved; make it again.
            }
            db.ChangeTracker.Clear();
        }
        await audit.WriteAsync(actor, "offers", $"Generated {made:N0} single-use codes (batch {batch})", ct);
        return new PromoCodeSave(true, null, null, new PromoCode { Code = sampleCode, Batch = batch });
    }

    public async Task<bool> WithdrawAsync(int id, string actor, CancellationToken ct = default) => await SetWithdrawnAsync(c => c.Id == id, clock.GetUtcNow(), actor, $"code {id}", ct);

    public async Task<bool> RestoreAsync(int id, string actor, CancellationToken ct = default) => await SetWithdrawnAsync(c => c.Id == id, null, actor, $"code {id}", ct);

    public async Task<bool> WithdrawBatchAsync(string batch, string actor, CancellationToken ct = default) => await SetWithdrawnAsync(c => c.Batch == batch, clock.GetUtcNow(), actor, $"batch {batch}", ct);

    /// <summary>CSV of typed codes (batch null) or of one batch: code, link, rules, status, uses, Stars earned.</summary>
    public async Task WriteCsvAsync(TextWriter writer, DataView view, string? batch, string? botUsername, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var rows = await ListAsync(view, batch, ct);
        await writer.WriteLineAsync("code,link,action,discount,starts,ends,total_uses,per_buyer,first_purchase_only,status,uses_paid,uses_held,stars_earned,batch");
        foreach (var r in rows)
        {
            var c = r.Code;
            var link = r.ActionSlug is { } slug ? PromoCodes.Link(botUsername, slug, c.Code) : "";
            string Local(DateTimeOffset? at) => at is { } a ? TimeZoneInfo.ConvertTime(a, zone).ToString("yyyy-MM-dd HH:mm") : "";
            await writer.WriteLineAsync(string.Join(",", Csv(c.Code), Csv(link), Csv(r.ActionName ?? "every action"), Csv(OfferPrice.Describe(c.Kind, c.Amount)),
                Local(c.StartsAt), Local(c.EndsAt), c.TotalUses?.ToString() ?? "", c.PerBuyerUses?.ToString() ?? "", c.FirstPurchaseOnly ? "yes" : "no",
                r.Status, r.Paid, r.Held, r.StarsEarned, Csv(c.Batch ?? "")));
        }
    }

    public async Task<EarlyBird?> EarlyBirdAsync(int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EarlyBirds.AsNoTracking().FirstOrDefaultAsync(e => e.ActionId == actionId, ct);
    }

    /// <summary>Sets (or with <paramref name="stars"/> null, removes) the action's early-bird price. Null when saved, else why not.</summary>
    public async Task<(string Field, string Error)?> SaveEarlyBirdAsync(int actionId, int? stars, int? limit, DateTime? untilLocal, TimeZoneInfo zone, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PaidActions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == actionId, ct) is not { } action) return ("Stars", "Save the action first.");
        var row = await db.EarlyBirds.FirstOrDefaultAsync(e => e.ActionId == actionId, ct);
        if (stars is null)
        {
            if (row is null) return null;
            db.EarlyBirds.Remove(row);
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "offers", $"{action.Name}: early-bird price removed", ct);
            return null;
        }
        var list = action.Terms.PriceStars;
        if (stars < 1 || stars >= list) return ("Stars", $"The early-bird price is 1 to {list - 1} Stars: below the price (⭐{list}).");
        if (limit is < 1) return ("Limit", "The first how many buyers? At least 1, or leave it empty.");
        var until = LocalTime.ToUtc(untilLocal, zone);
        if (limit is null && until is null) return ("Limit", "Say for how many buyers, until when, or both; otherwise it is simply the price.");
        if (until is { } u && u <= clock.GetUtcNow()) return ("Until", "That time has passed. Choose a time in the future.");
        var isNew = row is null;
        row ??= new EarlyBird { ActionId = actionId };
        row.Stars = stars.Value;
        row.Limit = limit;
        row.Until = until;
        row.UpdatedAt = clock.GetUtcNow();
        if (isNew) db.EarlyBirds.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "offers", $"{action.Name}: early-bird ⭐{stars} instead of ⭐{list}{(limit is { } n ? $", first {n}" : "")}{(until is { } t ? $", until {t:u}" : "")}", ct);
        return null;
    }

    /// <summary>Early-bird units held now (paid, or approved within the payment window) for this view.</summary>
    public async Task<int> EarlyBirdTakenAsync(int actionId, DataView view, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow() - options.CurrentValue.PaymentWindow;
        return await scope.Orders(db.Orders.AsNoTracking()).CountAsync(o => o.ActionId == actionId && o.EarlyBird
            && (Order.PaidStates.Contains(o.Status) || (o.Status == OrderStatus.Approved && o.ApprovedAt > since)), ct);
    }

    public static string StatusOf(PromoCode c, DateTimeOffset now, int paid, int held) =>
        c.IsWithdrawn ? "Withdrawn"
        : c.StartsAt is { } s && now < s ? "Scheduled"
        : c.EndsAt is { } e && now >= e ? "Expired"
        : c.TotalUses is { } t && paid + held >= t ? (paid >= t ? "Used up" : "Held")
        : "Active";

    /// <summary>
    /// Home's "Stars by code": paid orders that carry a code, summed per code, with a bulk batch as one line (ten
    /// thousand single-use codes are one campaign, not ten thousand rows); the top <paramref name="top"/> by Stars.
    /// </summary>
    public async Task<IReadOnlyList<CodeTotal>> StarsByCodeAsync(DataView view, int top = 8, CancellationToken ct = default)
    {
        var scope = await scopes.ForAsync(view, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sums = await scope.Orders(db.Orders.AsNoTracking()).Where(o => o.PromoCodeId != null && Order.PaidStates.Contains(o.Status))
            .Join(db.PromoCodes, o => o.PromoCodeId!.Value, c => c.Id, (o, c) => new { c.Batch, Code = c.Batch == null ? c.Code : null, CodeId = c.Batch == null ? (int?)c.Id : null, o.Stars, List = o.ListStars ?? o.Stars })
            .GroupBy(x => new { x.Batch, x.Code, x.CodeId })
            .Select(g => new { g.Key.Batch, g.Key.Code, g.Key.CodeId, Orders = g.Count(), Stars = g.Sum(x => (long)x.Stars), List = g.Sum(x => (long)x.List) })
            .ToListAsync(ct);
        return [.. sums.OrderByDescending(x => x.Stars).ThenBy(x => x.Code ?? x.Batch).Take(top)
            .Select(x => new CodeTotal(x.Batch is null ? x.Code! : $"{x.Batch} (batch)", x.CodeId, x.Batch, x.Orders, x.Stars, x.List))];
    }

    private async Task<IReadOnlyList<PromoCodeRow>> RowsAsync(StarsDbContext db, DataView view, IReadOnlyList<PromoCode> codes, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(view, ct);
        var now = clock.GetUtcNow();
        var since = now - options.CurrentValue.PaymentWindow;
        var ids = codes.Select(c => c.Id).ToList();
        var orders = scope.Orders(db.Orders.AsNoTracking()).Where(o => o.PromoCodeId != null && ids.Contains(o.PromoCodeId.Value));
        var paid = await orders.Where(o => Order.PaidStates.Contains(o.Status)).GroupBy(o => o.PromoCodeId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Stars = g.Sum(o => (long)o.Stars) }).ToDictionaryAsync(x => x.Id, ct);
        OrderStatus[] open = [OrderStatus.Created, OrderStatus.InvoiceSent, OrderStatus.Approved];
        var held = await orders.Where(o => open.Contains(o.Status) && o.ExpiresAt > now && (o.ApprovedAt == null || o.ApprovedAt > since))
            .GroupBy(o => o.PromoCodeId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var actionIds = codes.Where(c => c.ActionId != null).Select(c => c.ActionId!.Value).Distinct().ToList();
        var actions = await db.PaidActions.AsNoTracking().Where(a => actionIds.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Slug }).ToDictionaryAsync(a => a.Id, ct);
        return [.. codes.Select(c =>
        {
            var p = paid.GetValueOrDefault(c.Id);
            var h = held.GetValueOrDefault(c.Id);
            var a = c.ActionId is { } id ? actions.GetValueOrDefault(id) : null;
            return new PromoCodeRow(c, a?.Name, a?.Slug, StatusOf(c, now, p?.Count ?? 0, h), p?.Count ?? 0, h, p?.Stars ?? 0);
        })];
    }

    private static PromoCodeSave? Validate(PromoCodeForm form, string code, TimeZoneInfo zone, out DateTimeOffset? startsAt, out DateTimeOffset? endsAt)
    {
        startsAt = LocalTime.ToUtc(form.StartsLocal, zone);
        endsAt = LocalTime.ToUtc(form.EndsLocal, zone);
        if (PromoCodes.Problem(code) is { } problem) return PromoCodeSave.Fail(nameof(form.Code), problem);
        if (form.Kind == DiscountKind.Percent && form.Amount is < 1 or > 99) return PromoCodeSave.Fail(nameof(form.Amount), "A percentage between 1 and 99.");
        if (form.Kind == DiscountKind.FixedStars && form.Amount is < 1 or > 10_000) return PromoCodeSave.Fail(nameof(form.Amount), "At least 1 Star off (the price never goes below ⭐1).");
        if (startsAt is { } s && endsAt is { } e && e <= s) return PromoCodeSave.Fail(nameof(form.EndsLocal), "The end must be after the start.");
        if (form.TotalUses is < 1) return PromoCodeSave.Fail(nameof(form.TotalUses), "At least 1 use, or leave it empty for no limit.");
        if (form.PerBuyerUses is < 1) return PromoCodeSave.Fail(nameof(form.PerBuyerUses), "At least 1 use per buyer, or leave it empty for no limit.");
        return null;
    }

    private async Task<bool> SetWithdrawnAsync(System.Linq.Expressions.Expression<Func<PromoCode, bool>> which, DateTimeOffset? at, string actor, string what, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PromoCodes.Where(which).ExecuteUpdateAsync(s => s.SetProperty(c => c.WithdrawnAt, at), ct);
        if (rows > 0) await audit.WriteAsync(actor, "offers", $"{(at is null ? "Restored" : "Withdrew")} {what}", ct);
        return rows > 0;
    }

    private static string Summary(PromoCode c, PaidAction? action) =>
        $"{OfferPrice.Describe(c.Kind, c.Amount)} on {(action?.Name ?? "every action")}"
        + (c.TotalUses is { } t ? $", {t} uses" : "") + (c.PerBuyerUses is { } p ? $", {p} per buyer" : "") + (c.FirstPurchaseOnly ? ", first purchase only" : "");

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"") + "\""
            : value;
}
