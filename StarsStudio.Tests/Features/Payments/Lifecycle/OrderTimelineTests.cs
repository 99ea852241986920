using StarsStudio.Features.Payments;
using StarsStudio.Features.Payments.Lifecycle;

namespace StarsStudio.Tests.Features.Payments.Lifecycle;

/// <summary>The order's timeline: lines kept in the order row's log and lines kept as rows, read as one list.</summary>
public sealed class OrderTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_DetailWithNewlinesQuotesAndEmoji_ComesBackExactlyAsOneLine()
    {
        var detail = "Tapped Buy on \"Pack\"\nsecond line ⭐5 — «ok» \\ done";
        var log = OrderTimeline.Line(OrderEventKind.Created, T0, EventActor.Buyer, detail)
            + OrderTimeline.Line(OrderEventKind.Refunded, new OrderChange(T0.AddMinutes(1), EventActor.Staff, "buyer asked", "staff@example.com"));

        Assert.Equal(2, log.Count(c => c == '\n'));
        var events = OrderTimeline.Parse(42, log).ToList();

        Assert.Equal([OrderEventKind.Created, OrderEventKind.Refunded], events.Select(e => e.Kind));
        Assert.Equal(detail, events[0].Detail);
        Assert.Equal((T0, EventActor.Buyer, (string?)null, 42L), (events[0].At, events[0].Actor, events[0].ActorName, events[0].OrderId));
        Assert.Equal(("staff@example.com", EventActor.Staff), (events[1].ActorName, events[1].Actor));
    }

    [Fact]
    public void Merge_LogAndRows_ByTimeTransitionFirstWithinAnInstant()
    {
        // One step writes its transition (log) and a note (row) at the same moment; a later row sits after both.
        var log = OrderTimeline.Line(OrderEventKind.Created, T0, EventActor.Buyer, "created")
            + OrderTimeline.Line(OrderEventKind.Paid, T0.AddSeconds(5), EventActor.Telegram, "paid");
        OrderEvent[] rows =
        [
            new() { Id = 9, OrderId = 1, At = T0.AddSeconds(10), Actor = EventActor.Staff, Kind = OrderEventKind.Note, Detail = "later note" },
            new() { Id = 3, OrderId = 1, At = T0.AddSeconds(5), Actor = EventActor.System, Kind = OrderEventKind.Oversold, Detail = "oversold" },
        ];

        var merged = OrderTimeline.Merge(1, log, rows);

        Assert.Equal(["created", "paid", "oversold", "later note"], merged.Select(e => e.Detail));
    }

    [Fact]
    public void Merge_OrderFromBeforeTheLog_ReadsItsRowsAlone()
    {
        OrderEvent[] rows = [new() { Id = 1, OrderId = 7, At = T0, Actor = EventActor.Buyer, Kind = OrderEventKind.Created, Detail = "old" }];

        Assert.Equal(["old"], OrderTimeline.Merge(7, "", rows).Select(e => e.Detail));
    }

    [Fact]
    public void Parse_KindThisVersionDoesNotKnow_ReadsAsANoteKeepingItsDetail()
    {
        var log = OrderTimeline.Line(OrderEventKind.Paid, T0, EventActor.Telegram, "paid").Replace("\"paid\",", "\"some-future-kind\",");

        var only = Assert.Single(OrderTimeline.Parse(1, log));
        Assert.Equal((OrderEventKind.Note, "paid"), (only.Kind, only.Detail));
    }

    [Fact]
    public void Parse_LineCutShortOrEdited_ShowsAsANoteWithItsTextAndKeepsTheOthers()
    {
        var good = OrderTimeline.Line(OrderEventKind.Paid, T0, EventActor.Telegram, "paid");
        var log = good + "{\"at\":\"2026-12-07T10:00:00+00:00\",\"kind\":\"deliv" + "\n" + good;

        var events = OrderTimeline.Parse(3, log).ToList();

        Assert.Equal([OrderEventKind.Paid, OrderEventKind.Note, OrderEventKind.Paid], events.Select(e => e.Kind));
        Assert.StartsWith("Unreadable timeline line: {\"at\"", events[1].Detail);
        // By time, the unreadable line goes first rather than hiding the order's real history.
        Assert.Equal(OrderEventKind.Note, OrderTimeline.Merge(3, log, []).First().Kind);
    }
}
