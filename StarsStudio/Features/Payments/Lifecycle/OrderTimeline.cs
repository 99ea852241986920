using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>
/// An order's timeline lives in two places. A transition's line is appended to <see cref="Order.TransitionLog"/> by the
/// same UPDATE that changes the status (and the first lines are part of the INSERT), so a purchase's happy path
/// writes no timeline rows at all and a status can never change without its line. Lines that are not a state change
/// (a refusal of someone else's attempt, an oversold note, a support request) stay rows in <c>OrderEvents</c>.
/// Readers see one list: <see cref="Merge"/>.
/// </summary>
public static class OrderTimeline
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text appended to the log for one line; JSON escapes any newline in the detail, so one line is one entry.</summary>
    public static string Line(OrderEventKind kind, OrderChange change) => Line(kind, change.At, change.Actor, change.Detail, change.ActorName);

    public static string Line(OrderEventKind kind, DateTimeOffset at, EventActor actor, string detail, string? actorName = null) =>
        JsonSerializer.Serialize(new TimelineLine(at, actor, actorName, OrderEventKinds.ToStored(kind), detail), Json) + "\n";

    /// <summary>
    /// The log's lines, oldest first, as events (Id 0: they have no row). A line that does not read (edited by hand,
    /// cut short) shows as a note with its raw text, so one bad line never hides the rest of the order's history.
    /// </summary>
    public static IEnumerable<OrderEvent> Parse(long orderId, string? log)
    {
        if (string.IsNullOrEmpty(log)) yield break;
        foreach (var text in log.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            yield return Read(orderId, text);
    }

    private static OrderEvent Read(long orderId, string text)
    {
        try
        {
            if (JsonSerializer.Deserialize<TimelineLine>(text, Json) is { Detail: not null, Kind: not null } line)
                return new OrderEvent
                {
                    OrderId = orderId, At = line.At, Actor = line.Actor, ActorName = line.ActorName,
                    Kind = OrderEventKinds.FromStored(line.Kind), Detail = line.Detail,
                };
        }
        catch (JsonException) { }
        return new OrderEvent { OrderId = orderId, At = DateTimeOffset.MinValue, Actor = EventActor.System, Kind = OrderEventKind.Note, Detail = $"Unreadable timeline line: {text}" };
    }

    /// <summary>
    /// The whole timeline by time. Within one instant (one step writes its transition and its notes together) the
    /// transition comes first, then rows in the order they were written.
    /// </summary>
    public static IReadOnlyList<OrderEvent> Merge(long orderId, string? log, IEnumerable<OrderEvent> rows) =>
        [.. Parse(orderId, log).Select((e, i) => (Event: e, Source: 0, Index: (long)i))
            .Concat(rows.Select(e => (Event: e, Source: 1, Index: e.Id)))
            .OrderBy(p => p.Event.At).ThenBy(p => p.Source).ThenBy(p => p.Index)
            .Select(p => p.Event)];

    /// <summary>Whether the order's timeline has a line of this kind, in the log or as a row.</summary>
    public static async Task<bool> HasLineAsync(StarsDbContext db, long orderId, OrderEventKind kind, CancellationToken ct)
    {
        if (await db.OrderEvents.AnyAsync(e => e.OrderId == orderId && e.Kind == kind, ct)) return true;
        var log = await db.Orders.Where(o => o.Id == orderId).Select(o => o.TransitionLog).FirstOrDefaultAsync(ct);
        return Parse(orderId, log).Any(e => e.Kind == kind);
    }
}
