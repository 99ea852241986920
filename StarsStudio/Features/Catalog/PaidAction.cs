using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

public enum ActionStatus { Draft, Live, Paused, Archived }

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

/// <summary>
/// What the buyer is promised and gets, for one version. Stored as JSON: it is read whole, never queried by field.
/// </summary>
public sealed record ActionTerms
{
    public string Promise { get; init; } = "";
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public int PriceStars { get; init; } = 1;

    // File
    public Guid? FileId { get; init; }
    public string? FileName { get; init; }
    public string? FileContentType { get; init; }
    public long? FileSize { get; init; }

    // Credit pack
    public int? CreditAmount { get; init; }
    public int? CreditExpiryDays { get; init; }

    // Private text / checklist (Telegram HTML)
    public string? TextContent { get; init; }

    // Paid command
    public string? CommandName { get; init; }
    public int? CommandUses { get; init; }
    public string? CommandReply { get; init; }

    // Report and mini-service (Features/Reports); a paid command may name a Template or ServiceUrl to run per use.
    /// <summary>Asked one by one before the invoice; the answers are stored with the order.</summary>
    public Reports.ValueList<Reports.ReportQuestion>? Questions { get; init; }
    /// <summary>Markdown with Liquid placeholders, conditionals and loops.</summary>
    public string? Template { get; init; }
    public bool? OutputPdf { get; init; }
    public bool? OutputMessage { get; init; }
    /// <summary>The creator's endpoint StarsStudio POSTs the order to (https; http only for loopback).</summary>
    public string? ServiceUrl { get; init; }
    /// <summary>The HMAC signing secret, encrypted with Data Protection; never shown again after creation.</summary>
    public string? ProtectedServiceSecret { get; init; }
    /// <summary>How long delivery usually takes, told to the buyer before checkout.</summary>
    public int? ExpectedMinutes { get; init; }

    /// <summary>"what was delivered" for receipts and support, in the buyer's words.</summary>
    public string DeliverableSummary(ActionKind kind) => kind switch
    {
        ActionKind.File => $"the file {FileName}",
        ActionKind.CreditPack => $"{CreditAmount} credits" + (CreditExpiryDays is { } d ? $" (valid {d} days)" : ""),
        ActionKind.PrivateText => "your private text",
        ActionKind.PaidCommand => $"{CommandUses} use{(CommandUses == 1 ? "" : "s")} of /{CommandName}",
        _ => Promise,
    };
}

/// <summary>An immutable snapshot of an action's terms; orders deliver exactly the version they were sold under.</summary>
public sealed class PaidActionVersion
{
    public int ActionId { get; set; }
    public int Version { get; set; }
    public ActionTerms Terms { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

internal sealed class PaidActionConfiguration : IEntityTypeConfiguration<PaidAction>, IEntityTypeConfiguration<PaidActionVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<PaidAction> b)
    {
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => a.Status);
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.Slug).HasMaxLength(64);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        TermsColumn(b.Property(a => a.Terms));
    }

    public void Configure(EntityTypeBuilder<PaidActionVersion> b)
    {
        b.HasKey(v => new { v.ActionId, v.Version });
        TermsColumn(b.Property(v => v.Terms));
    }

    private static void TermsColumn(PropertyBuilder<ActionTerms> property) =>
        property.HasConversion(
            t => JsonSerializer.Serialize(t, Json),
            s => JsonSerializer.Deserialize<ActionTerms>(s, Json) ?? new ActionTerms(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<ActionTerms>((a, b) => a == b, t => t.GetHashCode(), t => t));
}
