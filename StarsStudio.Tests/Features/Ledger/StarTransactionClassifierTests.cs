using System.Text.Json;
using StarsStudio.Features.Ledger;

namespace StarsStudio.Tests.Features.Ledger;

/// <summary>Each partner of getStarTransactions, as Telegram sends it, becomes the right ledger kind.</summary>
public sealed class StarTransactionClassifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddDays(20_000);
    private const string User = """{"id":42,"is_bot":false,"first_name":"Ann","username":"ann"}""";

    private static LedgerEntry Classify(string partner, bool outgoing = false, string extra = "") =>
        StarTransactionClassifier.Classify(JsonDocument.Parse(
            $$"""{"id":"tx-1","amount":7,"date":1700000000{{extra}},"{{(outgoing ? "receiver" : "source")}}":{{partner}}}""").RootElement, 1, Now);

    [Theory]
    [InlineData("""{"type":"user","transaction_type":"invoice_payment","user":USER,"invoice_payload":"o1.x"}""", LedgerKind.InvoicePayment)]
    [InlineData("""{"type":"user","transaction_type":"paid_media_payment","user":USER,"paid_media_payload":"album"}""", LedgerKind.PaidMedia)]
    [InlineData("""{"type":"user","transaction_type":"gift_purchase","user":USER}""", LedgerKind.Gift)]
    [InlineData("""{"type":"user","transaction_type":"premium_purchase","user":USER,"premium_subscription_duration":3}""", LedgerKind.PremiumPurchase)]
    [InlineData("""{"type":"user","transaction_type":"business_account_transfer","user":USER}""", LedgerKind.BusinessTransfer)]
    [InlineData("""{"type":"affiliate_program","sponsor_user":USER,"commission_per_mille":150}""", LedgerKind.AffiliateCommission)]
    [InlineData("""{"type":"telegram_api","request_count":42}""", LedgerKind.PaidBroadcast)]
    [InlineData("""{"type":"fragment","withdrawal_state":{"type":"pending"}}""", LedgerKind.Withdrawal)]
    [InlineData("""{"type":"telegram_ads"}""", LedgerKind.TelegramAds)]
    [InlineData("""{"type":"chat","chat":{"id":-1001,"type":"channel","title":"News"}}""", LedgerKind.Chat)]
    [InlineData("""{"type":"other"}""", LedgerKind.Other)]
    public void Classify_EachPartner_ItsKind(string partner, LedgerKind kind)
    {
        var entry = Classify(partner.Replace("USER", User));

        Assert.Equal(kind, entry.Kind);
        Assert.Equal("tx-1", entry.TransactionId);
        Assert.Equal(7, entry.Amount);
        Assert.False(entry.Outgoing);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), entry.At);
    }

    [Fact]
    public void Classify_UserPartners_CarryTheCounterpartyAndPayload()
    {
        var sale = Classify($$"""{"type":"user","transaction_type":"invoice_payment","user":{{User}},"invoice_payload":"o1.x"}""");
        Assert.Equal(42, sale.CounterpartyId);
        Assert.Equal("Ann (@ann)", sale.Counterparty);
        Assert.Equal("o1.x", sale.InvoicePayload);
        var broadcast = Classify("""{"type":"telegram_api","request_count":42}""", outgoing: true);
        Assert.Equal(42, broadcast.RequestCount);
        Assert.True(broadcast.Outgoing);
    }

    [Fact]
    public void Classify_RefundIsTheOutgoingTwinOfThePayment()
    {
        var refund = Classify($$"""{"type":"user","transaction_type":"invoice_payment","user":{{User}}}""", outgoing: true);

        Assert.Equal(LedgerKind.InvoicePayment, refund.Kind);
        Assert.True(refund.IsRefund);
        Assert.Equal(-7 * StarMath.NanosPerStar, refund.SignedNanostars);
    }

    [Fact]
    public void Classify_UnknownPartnerType_KeptWithTelegramsName()
    {
        var entry = Classify("""{"type":"stars_bank","interest":"high"}""");

        Assert.Equal(LedgerKind.Unknown, entry.Kind);
        Assert.Equal("stars_bank", entry.PartnerType);
        Assert.Contains("stars_bank", entry.Note);
        Assert.Equal("Unknown: stars_bank", LedgerLabels.Of(entry));
    }

    [Fact]
    public void Classify_UnknownTransactionType_KeptWithTelegramsName()
    {
        var entry = Classify($$"""{"type":"user","transaction_type":"star_lottery","user":{{User}}}""");

        Assert.Equal(LedgerKind.Unknown, entry.Kind);
        Assert.Equal("star_lottery", entry.TransactionType);
        Assert.Equal(42, entry.CounterpartyId);
        Assert.Equal("Unknown: user / star_lottery", LedgerLabels.Of(entry));
    }

    [Fact]
    public void Classify_Nanostars_KeptExactly()
    {
        var entry = Classify("""{"type":"telegram_api","request_count":3}""", outgoing: true, extra: ""","nanostar_amount":300000000""");

        Assert.Equal(300_000_000, entry.NanostarAmount);
        Assert.Equal(7_300_000_000, entry.TotalNanostars);
        Assert.Equal("7.3", StarMath.Format(entry.TotalNanostars));
    }

    [Fact]
    public void Format_Fractions_NeverRounded()
    {
        Assert.Equal("0.1", StarMath.Format(100_000_000));
        Assert.Equal("-2.000000001", StarMath.Format(-2_000_000_001));
        Assert.Equal("12", StarMath.Format(12 * StarMath.NanosPerStar));
        // Ten tenths are one Star exactly, where 0.1 added ten times in floating point is not.
        Assert.Equal("1", StarMath.Format(Enumerable.Repeat(100_000_000L, 10).Sum()));
    }
}
