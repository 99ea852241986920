using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Features.Ledger;
using StarsStudio.Features.Support;
using StarsStudio.Rehearsal;
using StarsStudio.Tests.Infrastructure;

namespace StarsStudio.Tests.Features.Ledger;

/// <summary>
/// A big ledger over the real app and the emulator: reconciliation reads every transaction exactly once and the bot
/// keeps selling meanwhile. (`rehearse drill ledger` does the same with a million and measures it.)
/// </summary>
[Collection(HeavyCollection.Name)]
public sealed class LedgerScaleTests
{
    private const int Count = 20_000;

    [Fact]
    public async Task Reconcile_TwentyThousandTransactions_AllReadOnceAndABuyerPaysMeanwhile()
    {
        await using var host = await RehearsalHost.StartAsync(new RehearsalOptions { Limits = false });
        try
        {
            var control = host.Control;
            var slug = (await Benchmark.SeedCatalogAsync(host, ["credits"]))[0].Slug;
            var buyer = (await control.CreateBuyerAsync(host.BotId, "Buyer during the read", null, "en", 100)).UserId;
            await control.AddManyTransactionsAsync(host.BotId, Count);
            var reader = host.Service<LedgerReader>();
            // Past three quarters the read waits (between pages, holding nothing) until the purchase is through, so the
            // purchase is made while the read is under way, whatever the machine's speed.
            var purchased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var readAtPurchase = -1;
            reader.Changed += () =>
            {
                if (reader.Progress is { Running: true, Read: >= Count * 3 / 4 }) purchased.Task.Wait(TimeSpan.FromMinutes(2));
            };

            var reconciliation = Task.Run(() => host.Service<ReconciliationService>().RunAsync("test"));
            await Eventually.UntilAsync(() => reader.Progress is { Running: true, Read: > 0 } || reconciliation.IsCompleted, "the read to start");
            var m = new Measurements();
            using (var chats = new ChatWaiter(control, host.BotId))
                await BuyerScript.RunStarsStudioAsync(control, chats, host.BotId, buyer, slug, m, CancellationToken.None);
            readAtPurchase = reader.Progress.Running ? reader.Progress.Read : -1;
            purchased.SetResult();
            var summary = await reconciliation;

            Assert.True(m.Completed == 1, string.Join("; ", m.Errors.Keys));
            Assert.InRange(readAtPurchase, 1, Count - 1);
            Assert.True(summary.TransactionsRead >= Count);
            await using var db = await host.DbAsync();
            var ids = await db.LedgerEntries.Where(e => e.BotId == host.BotId && e.TransactionId.StartsWith("bulk"))
                .Select(e => new { e.TransactionId, e.Outgoing }).ToListAsync();
            Assert.Equal(Count, ids.Count);
            Assert.Equal(Count, ids.Distinct().Count());
            // Paid media, gifts and broadcast charges are not sales: no finding about them.
            Assert.Empty(await host.Service<ReconciliationService>().OpenFindingsAsync());

            // The purchase's own transaction may have been listed after the read passed it; the next read adds it and nothing else.
            await reader.ReadAsync(host.Service<BotClientAccessor>().Require(), rebuild: false, CancellationToken.None);
            Assert.Equal(await control.TransactionCountAsync(host.BotId), await db.LedgerEntries.CountAsync(e => e.BotId == host.BotId));
        }
        finally { host.DeleteData(); }
    }
}
