using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Offers;
using StarsStudio.Features.Practice.Emulator;

namespace StarsStudio.Rehearsal;

public static class Benchmark
{
    /// <summary>Creates the paid actions the buyers will buy, one per kind in the mix, live.</summary>
    public static async Task<IReadOnlyList<PaidAction>> SeedCatalogAsync(RehearsalHost host, IEnumerable<string> kinds)
    {
        var catalog = host.Service<CatalogService>();
        var files = host.Service<FileStore>();
        var actions = new List<PaidAction>();
        foreach (var kind in kinds.Distinct())
        {
            var form = kind switch
            {
                "credits" => new PaidActionForm { Name = "Rehearsal credits", Slug = "r-credits", Kind = ActionKind.CreditPack, Promise = "100 image credits, valid 30 days", Title = "100 credits", Description = "100 credits for image generation, valid 30 days.", PriceStars = 5, CreditAmount = 100, CreditExpiryDays = 30 },
                "text" => new PaidActionForm { Name = "Rehearsal checklist", Slug = "r-text", Kind = ActionKind.PrivateText, Promise = "a 10-step launch checklist", Title = "Launch checklist", Description = "Ten steps to launch in a week.", PriceStars = 3, TextContent = "<b>Launch checklist</b>\n1. Pick a date" },
                "command" => new PaidActionForm { Name = "Rehearsal command", Slug = "r-command", Kind = ActionKind.PaidCommand, Promise = "3 uses of /translate", Title = "Translations", Description = "Translate any text up to 2,000 characters.", PriceStars = 2, CommandName = "translate", CommandUses = 3, CommandReply = "Send me the text." },
                _ => await FileFormAsync(files),
            };
            var saved = await catalog.SaveAsync("rehearsal", form, TimeZoneInfo.Utc);
            if (!saved.Succeeded) throw new InvalidOperationException(saved.Error);
            await catalog.SetStatusAsync("rehearsal", saved.Action!.Id, ActionStatus.Live);
            actions.Add((await catalog.GetAsync(saved.Action.Id))!);
        }
        return actions;
    }

    /// <summary>Single-use codes for every action (20 % off), as a creator generates them for a launch.</summary>
    public static async Task<IReadOnlyList<string>> SeedCodesAsync(RehearsalHost host, int count)
    {
        var template = new PromoCodeForm { Kind = DiscountKind.Percent, Amount = 20, Note = "rehearsal" };
        var made = await host.Service<PromoCodeService>().GenerateAsync(template, count, "LAUNCH", TimeZoneInfo.Utc, "rehearsal");
        if (!made.Succeeded) throw new InvalidOperationException(made.Error);
        await using var db = await host.DbAsync();
        return await db.PromoCodes.AsNoTracking().Where(c => c.Batch == made.Code!.Batch).OrderBy(c => c.Id).Select(c => c.Code).ToListAsync();
    }

    /// <summary>
    /// An early-bird price on every action: its first <paramref name="units"/> at one Star below the list price, so
    /// a launch's buyers all race for them while their invoices are open.
    /// </summary>
    public static async Task SeedEarlyBirdsAsync(RehearsalHost host, IReadOnlyList<PaidAction> actions, int units)
    {
        foreach (var action in actions)
            if (await host.Service<PromoCodeService>().SaveEarlyBirdAsync(action.Id, action.Terms.PriceStars - 1, units, null, TimeZoneInfo.Utc, "rehearsal") is { } problem)
                throw new InvalidOperationException($"Early bird for {action.Slug}: {problem.Error}");
    }

    /// <summary>
    /// Buyer <paramref name="i"/>'s /start parameter: buyers i and i + N race for code i (the code link), the rest
    /// open the plain link. The loser of a race gets the card at its normal price and buys at that.
    /// </summary>
    public static string StartParameter(string slug, IReadOnlyList<string> codes, int i) =>
        i < 2 * codes.Count ? $"{slug}{PromoCodes.Separator}{codes[i % codes.Count]}" : slug;

    private static async Task<PaidActionForm> FileFormAsync(FileStore files)
    {
        using var content = new MemoryStream(new byte[64 * 1024]);
        var stored = await files.SaveAsync(content, "plan.pdf", "application/pdf");
        return new PaidActionForm { Name = "Rehearsal file", Slug = "r-file", Kind = ActionKind.File, Promise = "a 12-week training plan as a PDF", Title = "Training plan", Description = "12 weeks, 4 runs a week.", PriceStars = 4, FileId = stored.Id, FileName = stored.FileName, FileContentType = stored.ContentType, FileSize = stored.Size };
    }

    /// <summary>Buyers arrive (all at once or spread), at most <c>Concurrency</c> in flight, each running its script.</summary>
    public static async Task<double> DriveAsync(
        RehearsalOptions o, IReadOnlyList<long> buyers, Func<long, int, Task> script, IProgress<int>? progress, CancellationToken ct)
    {
        using var gate = new SemaphoreSlim(o.Concurrency);
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(buyers.Count);
        for (var i = 0; i < buyers.Count; i++)
        {
            if (o.ArrivalSeconds > 0)
            {
                var due = TimeSpan.FromSeconds(o.ArrivalSeconds * i / buyers.Count);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            }
            await gate.WaitAsync(ct);
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try { await script(buyers[index], index); }
                finally { gate.Release(); progress?.Report(1); }
            }, ct));
        }
        await Task.WhenAll(tasks);
        return clock.Elapsed.TotalSeconds;
    }

    public static async Task<IReadOnlyList<long>> CreateBuyersAsync(PracticeControl control, long botId, int count, long stars)
    {
        var ids = new long[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            ids[i] = (await control.CreateBuyerAsync(botId, $"Buyer {i + 1}", null, i % 5 == 0 ? "de" : "en", stars, ct)).UserId);
        return ids;
    }

    public static async Task<RunResult> SummarizeAsync(string name, PracticeControl control, long botId, int buyers, Measurements m, double seconds, PracticeBotSummary before)
    {
        var after = await control.GetBotAsync(botId);
        var stats = await control.RehearsalStatsAsync(botId);
        var sent = after.MessagesSent - before.MessagesSent;
        // "While a backlog exists": from the first to the last message the bot sent in this run.
        var busy = stats.LastSentAt is { } last && stats.FirstSentAt is { } first ? (last - first).TotalSeconds : seconds;
        return new RunResult(name, buyers, m.Completed, seconds, m.Completed / seconds,
            Percentiles.Summarize(stats.PreCheckoutLatenciesMs), Percentiles.Summarize(m.BuyToInvoiceMs), Percentiles.Summarize(m.PaymentToDeliveryMs),
            sent, sent / Math.Max(0.001, busy), after.MaxMessagesPerSecondOverall, after.TooManyRequests - before.TooManyRequests,
            m.Errors.ToDictionary());
    }
}
