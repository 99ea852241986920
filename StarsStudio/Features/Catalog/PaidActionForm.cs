using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Catalog;

/// <summary>The action editor's model; each rule's message is shown next to its field.</summary>
public sealed partial class PaidActionForm : IValidatableObject
{
    public int? Id { get; set; }

    [Required(ErrorMessage = "Give it a name only you see, e.g. \"Marathon plan PDF\".")]
    [StringLength(100, ErrorMessage = "Keep the name under 100 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "The link needs a short name.")]
    [RegularExpression("^[a-z0-9_-]{3,64}$", ErrorMessage = "Use 3–64 lower-case letters, digits, - or _ (Telegram's rule for deep links).")]
    public string Slug { get; set; } = "";

    public ActionKind Kind { get; set; } = ActionKind.File;

    [Required(ErrorMessage = "Say what the buyer gets, e.g. \"a 12-week training plan as a PDF\".")]
    [StringLength(200, ErrorMessage = "Keep the promise to one sentence (200 characters).")]
    public string Promise { get; set; } = "";

    [Required(ErrorMessage = "Telegram needs an invoice title.")]
    [StringLength(32, ErrorMessage = "Telegram allows at most 32 characters in an invoice title.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Telegram needs an invoice description.")]
    [StringLength(255, ErrorMessage = "Telegram allows at most 255 characters in an invoice description.")]
    public string Description { get; set; } = "";

    [Range(1, 10_000, ErrorMessage = "Price is 1 to 10,000 Stars.")]
    public int PriceStars { get; set; } = 50;

    public DateTime? AvailableFromLocal { get; set; }
    public DateTime? AvailableUntilLocal { get; set; }
    public DateTime? LaunchAtLocal { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "Stock is at least 1, or leave it empty for unlimited.")]
    public int? StockLimit { get; set; }

    [Range(1, 1000, ErrorMessage = "At least 1 per buyer, or leave it empty for no limit.")]
    public int? PerBuyerLimit { get; set; }

    [Range(1, 720, ErrorMessage = "An invoice lives 1 hour to 30 days.")]
    public int InvoiceLifetimeHours { get; set; } = 24;

    /// <summary>See <see cref="PaidAction.DeepLinkOpensInvoice"/>.</summary>
    public bool DeepLinkOpensInvoice { get; set; } = true;

    // File
    public Guid? FileId { get; set; }
    public string? FileName { get; set; }
    public string? FileContentType { get; set; }
    public long? FileSize { get; set; }

    // Credit pack
    public int? CreditAmount { get; set; }
    public int? CreditExpiryDays { get; set; }

    // Private text
    public string? TextContent { get; set; }

    // Paid command
    public string? CommandName { get; set; }
    public int? CommandUses { get; set; } = 1;
    public string? CommandReply { get; set; }

    // Report and mini-service (rules in Features/Reports/ReportFormRules.cs)
    public List<Reports.QuestionForm> Questions { get; set; } = [];
    public string? Template { get; set; }
    public bool OutputPdf { get; set; } = true;
    public bool OutputMessage { get; set; }
    public string? ServiceUrl { get; set; }
    /// <summary>Made by the editor on first save of a service; only the protected form is kept.</summary>
    public string? ProtectedServiceSecret { get; set; }
    public int? ExpectedMinutes { get; set; } = 1;
    /// <summary>Paid commands: a fixed reply, or a template / service run per use.</summary>
    public Reports.CommandMode CommandMode { get; set; } = Reports.CommandMode.Reply;

    /// <summary>The language the fields above are written in (Settings); not stored with the action, read by the copy coach.</summary>
    public string DefaultLanguage { get; set; } = Languages.BuyerLanguages.English;

    /// <summary>The creator's words in other languages (issue #16), one entry per language the editor has opened.</summary>
    public List<ActionTranslationForm> Translations { get; set; } = [];

    /// <summary>The fields a translation can carry for this kind (and command mode), in the editor's order.</summary>
    public IReadOnlyList<string> TranslatableFields
    {
        get
        {
            List<string> fields = [nameof(Promise), nameof(Title), nameof(Description)];
            if (Kind == ActionKind.PrivateText) fields.Add(nameof(TextContent));
            if (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Reply) fields.Add(nameof(CommandReply));
            if (Kind == ActionKind.Report || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Template)) fields.Add(nameof(Template));
            return fields;
        }
    }

    /// <summary>The translation of one language, made (blank) the first time the editor opens it.</summary>
    public ActionTranslationForm TranslationFor(string language)
    {
        if (Translations.FirstOrDefault(t => t.Language == language) is { } existing) return existing;
        var made = new ActionTranslationForm { Language = language };
        Translations.Add(made);
        return made;
    }

    /// <summary>How many translatable fields still show the default text in a language.</summary>
    public int MissingIn(string language)
    {
        var t = Translations.FirstOrDefault(x => x.Language == language);
        return TranslatableFields.Count(f => string.IsNullOrWhiteSpace(t?[f]));
    }

    /// <summary>Telegram's and the editor's limits, per language: the invoice title and description travel in each language's invoice.</summary>
    public IEnumerable<Languages.TranslationProblem> TranslationProblems()
    {
        var fields = TranslatableFields;
        foreach (var t in Translations.Where(t => t.Language != DefaultLanguage))
        {
            int Length(string field) => fields.Contains(field) && t[field] is { } v ? v.Trim().Length : 0;
            if (Length(nameof(Promise)) > 200)
                yield return new(t.Language, nameof(Promise), $"Keep the promise to one sentence (200 characters); this one has {Length(nameof(Promise))}.");
            if (Length(nameof(Title)) > 32)
                yield return new(t.Language, nameof(Title), $"Telegram allows at most 32 characters in an invoice title; this one has {Length(nameof(Title))}.");
            if (Length(nameof(Description)) > 255)
                yield return new(t.Language, nameof(Description), $"Telegram allows at most 255 characters in an invoice description; this one has {Length(nameof(Description))}.");
            foreach (var message in new[] { nameof(TextContent), nameof(CommandReply) }.Where(f => Length(f) > 4096))
                yield return new(t.Language, message, $"Telegram messages are at most 4096 characters; this one has {Length(message)}.");
            if (fields.Contains(nameof(Template)) && !string.IsNullOrWhiteSpace(t.Template)
                && Reports.ReportFormRules.TemplateProblem(t.Template, Kind == ActionKind.Report ? Questions.Select(q => q.ToQuestion()).Where(q => q.Key.Length > 0).DistinctBy(q => q.Key).ToList() : []) is { } problem)
                yield return new(t.Language, nameof(Template), problem);
        }
    }

    /// <summary>
    /// What is stored in the terms: written translations only, in the shipped order, so an unchanged form compares
    /// equal. A translation into the default language (left from before the creator changed it) is dropped: the
    /// editor cannot show it, and it would quietly replace the fields the creator sees for those buyers.
    /// </summary>
    private Reports.ValueList<ActionTranslation>? ToTranslations()
    {
        var fields = TranslatableFields;
        var written = Translations
            .Where(t => t.Language.Length > 0 && t.Language != DefaultLanguage)
            .Select(t => t.ToTranslation(fields))
            .OfType<ActionTranslation>()
            .DistinctBy(t => t.Language)
            .OrderBy(t => LanguageOrder(t.Language))
            .ThenBy(t => t.Language, StringComparer.Ordinal)
            .ToList();
        return written.Count == 0 ? null : new(written);
    }

    private static int LanguageOrder(string code)
    {
        var index = Languages.BuyerLanguages.Shipped.ToList().FindIndex(l => l.Code == code);
        return index < 0 ? int.MaxValue : index;
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandShape();

    public static readonly string[] ReservedCommands = ["start", "balance", "purchases", "paysupport", "terms", "privacy", "stop", "help", "cancel"];

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (AvailableFromLocal is { } from && AvailableUntilLocal is { } until && until <= from)
            yield return new("The sale must end after it starts.", [nameof(AvailableUntilLocal)]);
        switch (Kind)
        {
            case ActionKind.File when FileId is null:
                yield return new("Upload the file buyers get.", [nameof(FileId)]);
                break;
            case ActionKind.CreditPack:
                if (CreditAmount is null or < 1 or > 1_000_000)
                    yield return new("How many credits does the pack give? (1 to 1,000,000)", [nameof(CreditAmount)]);
                if (CreditExpiryDays is < 1 or > 3650)
                    yield return new("Credits expire after 1 to 3650 days, or leave it empty if they never expire.", [nameof(CreditExpiryDays)]);
                break;
            case ActionKind.PrivateText when string.IsNullOrWhiteSpace(TextContent):
                yield return new("Write the text or checklist buyers get.", [nameof(TextContent)]);
                break;
            case ActionKind.PrivateText when TextContent!.Length > 4096:
                yield return new("Telegram messages are at most 4096 characters.", [nameof(TextContent)]);
                break;
            case ActionKind.PaidCommand:
                if (CommandName is null || !CommandShape().IsMatch(CommandName))
                    yield return new("Command names are 1–32 lower-case letters, digits or _ (no slash).", [nameof(CommandName)]);
                else if (ReservedCommands.Contains(CommandName))
                    yield return new($"/{CommandName} is already used by the bot; choose another name.", [nameof(CommandName)]);
                if (CommandUses is null or < 1 or > 10_000)
                    yield return new("How many uses does one purchase give? (1 to 10,000)", [nameof(CommandUses)]);
                if (CommandMode == Reports.CommandMode.Reply && string.IsNullOrWhiteSpace(CommandReply))
                    yield return new("Write what each use of the command returns.", [nameof(CommandReply)]);
                break;
        }
        foreach (var result in Reports.ReportFormRules.Validate(this)) yield return result;
        // The editor shows each message next to the translated field; this keeps the whole form invalid meanwhile.
        foreach (var problem in TranslationProblems()) yield return new(problem.ToString(), [nameof(Translations)]);
    }

    public ActionTerms ToTerms() => new()
    {
        Promise = Promise.Trim(), Title = Title.Trim(), Description = Description.Trim(), PriceStars = PriceStars,
        FileId = Kind == ActionKind.File ? FileId : null,
        FileName = Kind == ActionKind.File ? FileName : null,
        FileContentType = Kind == ActionKind.File ? FileContentType : null,
        FileSize = Kind == ActionKind.File ? FileSize : null,
        CreditAmount = Kind == ActionKind.CreditPack ? CreditAmount : null,
        CreditExpiryDays = Kind == ActionKind.CreditPack ? CreditExpiryDays : null,
        TextContent = Kind == ActionKind.PrivateText ? TextContent : null,
        CommandName = Kind == ActionKind.PaidCommand ? CommandName : null,
        CommandUses = Kind == ActionKind.PaidCommand ? CommandUses : null,
        CommandReply = Kind == ActionKind.PaidCommand ? CommandReply : null,
        Questions = Kind is ActionKind.Report or ActionKind.Service && Questions.Count > 0 ? new(Questions.Select(q => q.ToQuestion())) : null,
        Template = Kind == ActionKind.Report || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Template) ? Template : null,
        OutputPdf = Kind == ActionKind.Report || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Template) ? OutputPdf : null,
        OutputMessage = Kind == ActionKind.Report || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Template) ? OutputMessage : null,
        ServiceUrl = Kind == ActionKind.Service || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Service) ? ServiceUrl?.Trim() : null,
        ProtectedServiceSecret = Kind == ActionKind.Service || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Service) ? ProtectedServiceSecret : null,
        ExpectedMinutes = Kind is ActionKind.Report or ActionKind.Service ? ExpectedMinutes : null,
        Translations = ToTranslations(),
    };

    /// <summary>Whether saving needs a signing secret that the form does not have yet.</summary>
    public bool NeedsServiceSecret =>
        ProtectedServiceSecret is null && (Kind == ActionKind.Service || (Kind == ActionKind.PaidCommand && CommandMode == Reports.CommandMode.Service));

    public Copy.CopyInput ToCopyInput() =>
        new(Kind, Title, Description, Promise, PriceStars, CreditAmount, CreditExpiryDays, CommandName, CommandUses,
            OpensWithInvoice: OpensWithInvoice)
        {
            Language = DefaultLanguage,
            Translations = [.. Translations.Select(t => new Copy.CopyTranslation(t.Language, t.Title, t.Description, t.Promise)).Where(t => t.HasText)],
        };

    /// <summary>As <see cref="PaidAction.OpensWithInvoice"/>: questions (reports, services) always come before the invoice.</summary>
    public bool OpensWithInvoice => DeepLinkOpensInvoice && !(Kind is ActionKind.Report or ActionKind.Service && Questions.Count > 0);

    public static PaidActionForm From(PaidAction a, TimeZoneInfo zone) => new()
    {
        Id = a.Id, Name = a.Name, Slug = a.Slug, Kind = a.Kind,
        Promise = a.Terms.Promise, Title = a.Terms.Title, Description = a.Terms.Description, PriceStars = a.Terms.PriceStars,
        AvailableFromLocal = ToLocal(a.AvailableFrom, zone), AvailableUntilLocal = ToLocal(a.AvailableUntil, zone), LaunchAtLocal = ToLocal(a.LaunchAt, zone),
        StockLimit = a.StockLimit, PerBuyerLimit = a.PerBuyerLimit, InvoiceLifetimeHours = a.InvoiceLifetimeHours, DeepLinkOpensInvoice = a.DeepLinkOpensInvoice,
        FileId = a.Terms.FileId, FileName = a.Terms.FileName, FileContentType = a.Terms.FileContentType, FileSize = a.Terms.FileSize,
        CreditAmount = a.Terms.CreditAmount, CreditExpiryDays = a.Terms.CreditExpiryDays, TextContent = a.Terms.TextContent,
        CommandName = a.Terms.CommandName, CommandUses = a.Terms.CommandUses, CommandReply = a.Terms.CommandReply,
        Questions = [.. (a.Terms.Questions ?? []).Select(Reports.QuestionForm.From)], Template = a.Terms.Template,
        OutputPdf = a.Terms.OutputPdf ?? true, OutputMessage = a.Terms.OutputMessage ?? false, ServiceUrl = a.Terms.ServiceUrl,
        ProtectedServiceSecret = a.Terms.ProtectedServiceSecret, ExpectedMinutes = a.Terms.ExpectedMinutes ?? 1,
        Translations = [.. (a.Terms.Translations ?? []).Select(ActionTranslationForm.From)],
        CommandMode = a.Terms.ServiceUrl is not null ? Reports.CommandMode.Service : a.Terms.Template is not null ? Reports.CommandMode.Template : Reports.CommandMode.Reply,
    };

    private static DateTime? ToLocal(DateTimeOffset? utc, TimeZoneInfo zone) => utc is { } u ? TimeZoneInfo.ConvertTime(u, zone).DateTime : null;
}
