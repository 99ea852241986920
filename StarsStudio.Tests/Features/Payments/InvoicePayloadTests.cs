using System.Security.Cryptography;
using System.Text;
using StarsStudio.Features.Payments;

namespace StarsStudio.Tests.Features.Payments;

public sealed class InvoicePayloadTests
{
    private readonly InvoicePayloadSigner signer = new(RandomNumberGenerator.GetBytes(32));
    private static Order Order(long id = 123456789012) => new() { Id = id, Code = "SS-AAAAAA", BuyerId = 987654321, ActionId = 42, ActionVersion = 7, Stars = 10000 };

    [Fact]
    public void Sign_LargestIds_FitsTelegramsLimitAndReadsBack()
    {
        var order = Order(long.MaxValue);
        var payload = signer.Sign(long.MaxValue, order);
        Assert.InRange(Encoding.UTF8.GetByteCount(payload), 1, InvoicePayloadSigner.MaxBytes);
        Assert.True(InvoicePayloadSigner.TryReadOrderId(payload, out var id));
        Assert.Equal(order.Id, id);
        Assert.True(signer.Verify(payload, long.MaxValue, order));
    }

    [Fact]
    public void Verify_AlteredPayloadOrOtherKey_Fails()
    {
        var order = Order();
        var payload = signer.Sign(1, order);
        var tampered = payload[..^1] + (payload[^1] == 'A' ? 'B' : 'A');
        Assert.False(signer.Verify(tampered, 1, order));
        Assert.False(new InvoicePayloadSigner(RandomNumberGenerator.GetBytes(32)).Verify(payload, 1, order));
    }

    [Fact]
    public void Verify_SamePayloadForChangedOrderTerms_Fails()
    {
        var order = Order();
        var payload = signer.Sign(1, order);
        var cheaper = Order();
        cheaper.Stars = 9999;
        Assert.False(signer.Verify(payload, 1, cheaper));
        Assert.False(signer.Verify(payload, 2, order));
        var otherBuyer = Order();
        otherBuyer.BuyerId = 1;
        Assert.False(signer.Verify(payload, 1, otherBuyer));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x123.abc")]
    [InlineData("o.abc")]
    [InlineData("o-5.abc")]
    [InlineData("o12")]
    public void TryReadOrderId_Garbage_IsFalse(string? payload) => Assert.False(InvoicePayloadSigner.TryReadOrderId(payload, out _));

    [Fact]
    public void TryReadOrderId_OversizePayload_IsFalse() =>
        Assert.False(InvoicePayloadSigner.TryReadOrderId("o1." + new string('a', 200), out _));

    [Fact]
    public void OrderCodes_AreReadableAndUnique()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => OrderCodes.New()).ToList();
        Assert.All(codes, c => Assert.True(OrderCodes.LooksLikeCode(c), c));
        Assert.All(codes, c => Assert.DoesNotContain('O', c[3..]));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }
}
