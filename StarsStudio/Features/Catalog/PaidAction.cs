using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// Something a buyer pays Stars for. The editable row; every change of price or terms also writes an
/// immutable <see cref="PaidActionVersion"/>, and orders point at the version they were sold under.
/// </summary>
public sealed class PaidAction
{
    public int Id { get; set; }
    /// <summary>For the creator only; buyers never see it.</summary>
    public required string Name { get; set; }
    /// <summary>Deep link parameter: t.me/&lt;bot&gt;?start=&lt;slug&gt;.</summary>
    public required string Slug { get; set; }
    public ActionKind Kind { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.Draft;

    /// <summary>The current version; bumped by any change of price or terms.</summary>
    public int Version { get; set; } = 1;
    public ActionTerms Terms { get; set; } = new();

    /// <summary>Availability window (UTC); null = open.</summary>
    public DateTimeOffset? AvailableFrom { get; set; }
    public DateTimeOffset? AvailableUntil { get; set; }
    /// <summary>Planned launch (UTC) for the launch plan and reminders.</summary>
    public DateTimeOffset? LaunchAt { get; set; }
    public int? StockLimit { get; set; }
    public int? PerBuyerLimit { get; set; }
    public int InvoiceLifetimeHours { get; set; } = 24;
    /// <summary>
    /// A deep link (<c>/start slug</c>) answers with the invoice itself instead of a card and a Buy button: one
    /// message instead of two, and one tap less. A setting of the link, not a term, so it saves no new version.
    /// </summary>
    public bool DeepLinkOpensInvoice { get; set; } = true;

    /// <summary>The invoice can stand in for the card only when nothing must be asked before it.</summary>
    public bool OpensWithInvoice => DeepLinkOpensInvoice && Terms.Questions is not { Count: > 0 };

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOnSale(DateTimeOffset now) =>
        Status == ActionStatus.Live && (AvailableFrom is null || AvailableFrom <= now) && (AvailableUntil is null || now < AvailableUntil);
}
