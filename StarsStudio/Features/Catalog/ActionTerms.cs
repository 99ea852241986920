using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

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

    /// <summary>The creator's words in other languages (issue #16); null or empty = only the default language.</summary>
    public Reports.ValueList<ActionTranslation>? Translations { get; init; }
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
