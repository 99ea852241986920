using System.Globalization;

namespace StarsStudio.Features.Ledger;

/// <summary>The ledger page's filters; the grid, the totals and the CSV export read the same ones.</summary>
public sealed record LedgerFilter
{
    public LedgerKind? Kind { get; init; }
    public LedgerDirection Direction { get; init; }
    /// <summary>Days in the creator's time zone, both inclusive.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>A transaction id (or its start) or a counterparty's id.</summary>
    public string? Search { get; init; }

    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{key}={Uri.EscapeDataString(value)}"); }
        Add("kind", Kind?.ToString());
        if (Direction != LedgerDirection.All) Add("direction", Direction.ToString());
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("q", Search?.Trim());
        return string.Join("&", parts);
    }

    public static LedgerFilter FromQuery(Func<string, string?> get) => new()
    {
        Kind = Enum.TryParse<LedgerKind>(get("kind"), true, out var k) ? k : null,
        Direction = Enum.TryParse<LedgerDirection>(get("direction"), true, out var d) ? d : LedgerDirection.All,
        From = DateOnly.TryParseExact(get("from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        To = DateOnly.TryParseExact(get("to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        Search = get("q"),
    };
}
