using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Rehearsal;

public static partial class Invariants
{
    /// <summary>
    /// The offer invariants' shared check: a charge id that both the emulator's ledger (what Telegram moved) and the
    /// bot's payment record show at exactly the expected Stars.
    /// </summary>
    private static async Task<Func<string?, int, bool>> ChargedExactlyAsync(RehearsalHost host, StarsDbContext db)
    {
        var charged = (await host.Control.TransactionsAsync(host.BotId)).Where(t => !t.Refund).ToDictionary(t => t.Id, t => t.Amount);
        var recorded = await db.Payments.AsNoTracking().Where(p => p.BotId == host.BotId).ToDictionaryAsync(p => p.ChargeId, p => p.TotalAmount);
        return (chargeId, stars) => chargeId is not null && recorded.GetValueOrDefault(chargeId) == stars && charged.GetValueOrDefault(chargeId) == stars;
    }
}
