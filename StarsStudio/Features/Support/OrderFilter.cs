using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>The orders browser's filters; the grid and the CSV export read the same ones.</summary>
public sealed record OrderFilter
{
    /// <summary>Buyer id, @username, order code (or its start) or charge id.</summary>
    public string? Search { get; init; }
    public OrderStatus? Status { get; init; }
    public int? ActionId { get; init; }
    /// <summary>Days in the creator's time zone, both inclusive.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public bool NeedsAttention { get; init; }
    /// <summary>Only orders that used this promo code (exact, any case).</summary>
    public string? PromoCode { get; init; }
    /// <summary>Live sales (the default) or the practice bot's rehearsals; the two never mix in one list.</summary>
    public DataView View { get; init; }

    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{key}={Uri.EscapeDataString(value)}"); }
        Add("q", Search?.Trim());
        Add("status", Status?.ToString());
        Add("action", ActionId?.ToString(CultureInfo.InvariantCulture));
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (NeedsAttention) Add("attention", "1");
        Add("code", PromoCode?.Trim());
        Add("data", BotScope.QueryValue(View));
        return string.Join("&", parts);
    }

    public static OrderFilter FromQuery(Func<string, string?> get) => new()
    {
        Search = get("q"),
        Status = Enum.TryParse<OrderStatus>(get("status"), true, out var s) ? s : null,
        ActionId = int.TryParse(get("action"), CultureInfo.InvariantCulture, out var a) ? a : null,
        From = DateOnly.TryParseExact(get("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        To = DateOnly.TryParseExact(get("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        NeedsAttention = get("attention") is "1" or "true",
        PromoCode = get("code"),
        View = BotScope.Parse(get("data")),
    };
}
