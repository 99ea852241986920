using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace StarsStudio.Features.Payments;

/// <summary>
/// The invoice payload: "o{orderId}.{mac}" where mac = HMAC-SHA256(key, "{botId}|{orderId}|{buyerId}|{actionId}|{version}|{stars}")
/// truncated to 16 bytes, base64url. It names exactly one order, binds it to its buyer, action version and
/// price, and fits easily in Telegram's 128-byte limit. A forged or altered payload fails verification.
/// An order sold below list price also signs its offer ("|c{codeId}" and/or "|e"), so the price and the code
/// travel together; orders without one keep the original message, so invoices sent before offers existed verify.
/// </summary>
public sealed class InvoicePayloadSigner(byte[] key)
{
    public const int MaxBytes = 128;
    private const int MacBytes = 16;

    public string Sign(long botId, Order order) => $"o{order.Id}.{Mac(botId, order.Id, order.BuyerId, order.ActionId, order.ActionVersion, order.Stars, order.PromoCodeId, order.EarlyBird)}";

    /// <summary>Reads the order id out of a payload without trusting it; verify against the stored order next.</summary>
    public static bool TryReadOrderId(string? payload, out long orderId)
    {
        orderId = 0;
        if (string.IsNullOrEmpty(payload) || Encoding.UTF8.GetByteCount(payload) > MaxBytes || payload[0] != 'o') return false;
        var dot = payload.IndexOf('.');
        return dot > 1 && long.TryParse(payload.AsSpan(1, dot - 1), System.Globalization.NumberStyles.None, null, out orderId) && orderId > 0;
    }

    /// <summary>True when the payload is exactly what <see cref="Sign"/> made for this order (constant-time compare).</summary>
    public bool Verify(string? payload, long botId, Order order)
    {
        if (payload is null) return false;
        var expected = Sign(botId, order);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(payload), Encoding.UTF8.GetBytes(expected));
    }

    private string Mac(long botId, long orderId, long buyerId, int actionId, int version, int stars, int? codeId, bool earlyBird)
    {
        var offer = (codeId is { } c ? $"|c{c}" : "") + (earlyBird ? "|e" : "");
        var message = Encoding.UTF8.GetBytes($"{botId}|{orderId}|{buyerId}|{actionId}|{version}|{stars}{offer}");
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, message, mac);
        return Base64Url.EncodeToString(mac[..MacBytes]);
    }

    /// <summary>Loads the install's payload key from the data directory, creating it once. Never logged or shown.</summary>
    public static byte[] LoadOrCreateKey(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "keys", "payload.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        // A temp file of its own and a move that refuses to overwrite: instances sharing a data directory that
        // start together agree on whichever key landed first.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        return key;
    }
}

/// <summary>Short order codes buyers can read aloud: no 0/O, 1/I/L confusion.</summary>
public static class OrderCodes
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New() => "SS-" + RandomNumberGenerator.GetString(Alphabet, 6);

    public static bool LooksLikeCode(string text) =>
        text.Length == 9 && text.StartsWith("SS-", StringComparison.OrdinalIgnoreCase) && text[3..].All(c => Alphabet.Contains(char.ToUpperInvariant(c)));
}
