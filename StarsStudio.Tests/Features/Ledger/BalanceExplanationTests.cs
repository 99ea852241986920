using StarsStudio.Features.Ledger;

namespace StarsStudio.Tests.Features.Ledger;

public sealed class BalanceExplanationTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LedgerCursor Complete = new() { BotId = 1, NextOffset = 10, LastReadAt = ReadAt, CompleteAt = ReadAt };
    private static string Local(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm");
    private static long Stars(decimal s) => StarMath.FromStars(s);

    private static readonly Dictionary<(LedgerKind, bool), long> Sums = new()
    {
        [(LedgerKind.InvoicePayment, false)] = Stars(100),
        [(LedgerKind.PaidMedia, false)] = Stars(20),
        [(LedgerKind.InvoicePayment, true)] = Stars(5),
        [(LedgerKind.Withdrawal, true)] = Stars(50),
        [(LedgerKind.PaidBroadcast, true)] = Stars(0.7m),
    };

    [Fact]
    public void Explain_BalanceMatches_SaysSoAndBreaksItDown()
    {
        var report = BalanceExplanation.Explain(Stars(64.3m), null, Sums, held: 0, Complete, Local);

        Assert.Equal(Stars(64.3m), report.LedgerNanostars);
        Assert.Equal(0, report.DifferenceNanostars);
        Assert.StartsWith("The ledger adds up to Telegram's balance exactly", report.Explanation);
        Assert.Contains(report.Lines, l => l.Label == "Withdrawn to Fragment" && l.Nanostars == -Stars(50));
        Assert.Contains(report.Lines, l => l.Label == "Spent on paid broadcasts" && l.Nanostars == -Stars(0.7m));
        Assert.Contains(report.Lines, l => l.Label == "Refunded to buyers" && l.Nanostars == -Stars(5));
    }

    [Fact]
    public void Explain_TelegramHoldsMore_PointsAtTransactionsSinceTheLastRead()
    {
        var report = BalanceExplanation.Explain(Stars(70.3m), null, Sums, held: 0, Complete, Local);

        Assert.Equal(Stars(6), report.DifferenceNanostars);
        Assert.Contains("Telegram holds ⭐6 more than the ledger", report.Explanation);
        Assert.Contains("2026-12-01 12:00", report.Explanation);
    }

    [Fact]
    public void Explain_TelegramHoldsLess_PointsAtChargesNotListedYet()
    {
        var report = BalanceExplanation.Explain(Stars(63.8m), null, Sums, held: Stars(20), Complete, Local);

        Assert.Equal(-Stars(0.5m), report.DifferenceNanostars);
        Assert.Contains("Telegram holds ⭐0.5 less than the ledger", report.Explanation);
        Assert.Contains("paid broadcasts", report.Explanation);
        Assert.Contains("⭐20 of it came in during the last 21 days", report.Explanation);
    }

    [Fact]
    public void Explain_LedgerNotReadToTheEnd_SaysItCannotAddUpYet()
    {
        var report = BalanceExplanation.Explain(Stars(64.3m), null, Sums, 0, new LedgerCursor { BotId = 1, NextOffset = 100 }, Local);
        Assert.Contains("has not been read to the end", report.Explanation);
    }

    [Fact]
    public void Explain_BalanceUnreadable_ShowsTheLedgerAndTheReason()
    {
        var report = BalanceExplanation.Explain(null, "Bad Request: method not found", Sums, 0, Complete, Local);
        Assert.Null(report.DifferenceNanostars);
        Assert.Contains("method not found", report.Explanation);
    }
}
