namespace StarsStudio.Features.Ledger;

/// <summary>
/// Why Telegram's balance and the ledger's sum differ, as one pure function. Earned Stars can be held up to
/// 21 days before they can be withdrawn; they count in the balance all the same, so the hold explains what can be
/// withdrawn, not a difference. A difference comes from transactions the ledger has not read yet (more at
/// Telegram) or charges Telegram has taken but not listed yet (less at Telegram).
/// </summary>
public static class BalanceExplanation
{
    public static readonly TimeSpan HoldPeriod = TimeSpan.FromDays(21);

    public static BalanceReport Explain(long? telegram, string? problem, IReadOnlyDictionary<(LedgerKind Kind, bool Outgoing), long> sums,
        long held, LedgerCursor? cursor, Func<DateTimeOffset, string> local)
    {
        var lines = sums.Where(s => s.Value != 0).OrderBy(s => s.Key.Outgoing).ThenBy(s => s.Key.Kind)
            .Select(s => new BalanceLine(Label(s.Key.Kind, s.Key.Outgoing), s.Key.Outgoing ? -s.Value : s.Value)).ToList();
        var ledger = lines.Sum(l => l.Nanostars);
        var heldText = held > 0 ? $" ⭐{StarMath.Format(held)} of it came in during the last 21 days: Telegram may hold it before it can be withdrawn or spent on ads." : "";
        if (telegram is not { } balance)
            return new(null, problem, ledger, lines, held, null, $"Telegram's balance could not be read{(problem is null ? "" : $": {problem}")}. The ledger's own sum is shown.");
        var difference = balance - ledger;
        string explanation;
        if (cursor?.CompleteAt is null)
            explanation = "The ledger has not been read to the end yet, so it cannot add up to Telegram's balance. Read new transactions.";
        else if (difference == 0)
            explanation = $"The ledger adds up to Telegram's balance exactly (read {local(cursor.LastReadAt ?? cursor.CompleteAt.Value)}).";
        else if (difference > 0)
            explanation = $"Telegram holds ⭐{StarMath.Format(difference)} more than the ledger: transactions listed since the last read " +
                          $"({local(cursor.LastReadAt ?? cursor.CompleteAt.Value)}). Read new transactions to include them.";
        else
            explanation = $"Telegram holds ⭐{StarMath.Format(-difference)} less than the ledger: charges Telegram has taken but not listed yet " +
                          "(paid broadcasts are charged as they send, withdrawals while they are pending) or transactions since the last read. Read new transactions; if it stays, check Telegram's own list.";
        return new(balance, null, ledger, lines, held, difference, explanation + heldText);
    }

    private static string Label(LedgerKind kind, bool outgoing) => kind switch
    {
        LedgerKind.InvoicePayment when outgoing => "Refunded to buyers",
        LedgerKind.PaidMedia when outgoing => "Paid media refunded",
        LedgerKind.Withdrawal when outgoing => "Withdrawn to Fragment",
        LedgerKind.PaidBroadcast when outgoing => "Spent on paid broadcasts",
        LedgerKind.TelegramAds when outgoing => "Spent on Telegram Ads",
        _ => LedgerLabels.Kind(kind, outgoing) + (outgoing ? " (out)" : ""),
    };
}
